// End-to-end search in headless Chromium, against a built site served over
// HTTP (under a base path).
//
// node search.js fixture <base-url> <public-dir>
//   the fixture site tests/fixtures/search: types queries, checks results,
//   their order, highlights, filters, and runs axe on the results page.
// node search.js bench <base-url> <public-dir> <query>...
//   a generated site: for each query in a fresh page (empty cache), prints
//   the result count, the time to show results, and the index bytes fetched
//   (gzip-compressed as a static server sends them), and checks the limits
//   (300 KB for a first query; 100 ms once the index files are loaded).
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { launchChromium, check } = require('./lib.js');

const [mode, base, publicDir, ...queries] = process.argv.slice(2);
const basePath = new URL(base).pathname;

// Bytes a gzip-ing static server would send for a URL of the site.
function gzipBytes(url) {
  const u = new URL(url);
  let rel = decodeURIComponent(u.pathname.slice(basePath.length));
  if (rel === '' || rel.endsWith('/')) rel += 'index.html';
  const file = path.join(publicDir, rel);
  return zlib.gzipSync(fs.readFileSync(file), { level: 6 }).length;
}

async function newPage(browser) {
  const page = await browser.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('response', (r) => {
    // Chromium asks for /favicon.ico on its own; the site has none.
    if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) errors.push(r.status() + ' ' + r.url());
  });
  return { page, requests, errors };
}

async function lastDone(page) {
  return page.$eval('#search-form', (f) => f.getAttribute('data-done'));
}

async function waitDone(page, prev) {
  await page.waitForFunction((p) => {
    const f = document.getElementById('search-form');
    return (f.getAttribute('data-done') && f.getAttribute('data-done') !== p) ||
      f.getAttribute('data-error-detail');
  }, prev, { timeout: 15000 });
  const err = await page.$eval('#search-form', (f) => f.getAttribute('data-error-detail'));
  if (err) throw new Error('search failed: ' + err);
}

async function results(page) {
  return page.$$eval('.search-result', (els) => els.map((li) => ({
    title: li.querySelector('h2').textContent,
    href: li.querySelector('h2 a').getAttribute('href'),
    meta: (li.querySelector('.search-result__meta') || {}).textContent || '',
    snippet: li.querySelector('.search-result__snippet').textContent,
    marks: Array.from(li.querySelectorAll('mark')).map((m) => m.textContent),
  })));
}

// Type `q` into the page's box and submit; resolve with the results.
async function query(page, q) {
  const prev = await lastDone(page);
  await page.fill('#search-q', q);
  await page.press('#search-q', 'Enter');
  await waitDone(page, prev);
  return results(page);
}

const titles = (rs) => rs.map((r) => r.title);

async function fixture(browser) {
  const { page, requests, errors } = await newPage(browser);
  // The header box is a plain GET form to /tim-kiem/.
  await page.goto(base, { waitUntil: 'load' });
  await page.type('#site-search-q', 'cai cach hanh chinh');
  await Promise.all([page.waitForNavigation(), page.press('#site-search-q', 'Enter')]);
  check(page.url() === base + 'tim-kiem/?q=cai+cach+hanh+chinh',
    'header box sends a GET form to <root>tim-kiem/?q= (' + page.url() + ')');
  await waitDone(page, null);
  let rs = await results(page);
  check(await page.$eval('#search-q', (i) => i.value) === 'cai cach hanh chinh',
    'the search page reads the query from the URL');
  check(rs.length === 3, 'cai cach hanh chinh: 3 results without diacritics (' + titles(rs).join(' | ') + ')');
  check(rs[0].title === 'Đẩy mạnh cải cách hành chính năm 2023',
    'the article with the words in its title ranks first');
  check(rs[0].href === '/tin-tuc-ttt/tin-tuc/cai-cach-hanh-chinh/', 'result links carry the base path');
  check(['cải', 'cách', 'hành', 'chính'].every((w) => rs[0].marks.includes(w)),
    'matched accented words are highlighted (' + rs[0].marks.join(',') + ')');
  check(/Thứ Tư, 15-02-2023/.test(rs[0].meta) && /Tin tức/.test(rs[0].meta) && /Cải cách hành chính/.test(rs[0].meta),
    'result shows dateline, section and category (' + rs[0].meta + ')');

  rs = await query(page, '"cải cách hành chính"');
  check(rs.length === 2 && !titles(rs).includes('Thông báo lịch tiếp công dân'),
    'a quoted phrase needs the words together and in order (' + titles(rs).join(' | ') + ')');
  check(new URL(page.url()).searchParams.get('q') === '"cải cách hành chính"', 'the URL carries the query');

  for (const q of ['1141', 'kstthc', '1141/UBND-KSTTHC', 'UBND-KSTTHC']) {
    rs = await query(page, q);
    check(rs.length === 1 && rs[0].title === 'Đẩy mạnh cải cách hành chính năm 2023',
      `document number: ${q} finds the dispatch`);
  }
  rs = await query(page, '1141/UBND-KSTTHC');
  check(rs[0].marks.join(' ').includes('1141') && rs[0].marks.includes('KSTTHC'), 'number parts are highlighted');

  rs = await query(page, 'Dak Lak');
  check(rs.length === 2 && titles(rs).includes('Lễ hội cà phê Buôn Ma Thuột'),
    'Dak Lak finds Đắk Lắk, also in an article saved in NFD (' + titles(rs).join(' | ') + ')');

  rs = await query(page, 'hoa');
  check(titles(rs).includes('Hoà giải ở cơ sở') && titles(rs).includes('Hòa nhập cộng đồng'),
    'hoa finds hoà and hòa');
  const nfd = 'hoà'.normalize('NFD');
  check(nfd.length === 4, 'query typed in NFD');
  rs = await query(page, nfd);
  check(titles(rs).includes('Hoà giải ở cơ sở') && titles(rs).includes('Hòa nhập cộng đồng'),
    'NFD hoà finds both tone placements (' + titles(rs).join(' | ') + ')');
  rs = await query(page, 'thủy');
  check(rs.length === 1 && rs[0].marks.includes('thuỷ') && rs[0].marks.includes('thủy'),
    'thủy finds and highlights thuỷ and thủy');

  rs = await query(page, 'đường');
  check(titles(rs).join(' | ') === 'Nâng cấp tuyến đường liên xã | Dương tính với cúm gia cầm | Quyền của đương sự',
    'đường: the exact form first, then folded matches (' + titles(rs).join(' | ') + ')');
  rs = await query(page, 'duong');
  check(rs.length === 3 && titles(rs)[0] === 'Dương tính với cúm gia cầm',
    'duong without diacritics: all three by relevance, then newest (' + titles(rs).join(' | ') + ')');

  // Filters and order.
  rs = await query(page, 'cai cach');
  const all = rs.length;
  // Change a filter and wait for the new results.
  const change = async (act) => {
    const before = await lastDone(page);
    await act();
    await waitDone(page, before);
    return results(page);
  };
  rs = await change(() => page.selectOption('#search-section', 'thong-bao'));
  check(all === 3 && rs.length === 1 && rs[0].title === 'Thông báo lịch tiếp công dân',
    'section filter keeps the announcement only');
  check(new URL(page.url()).searchParams.get('section') === 'thong-bao', 'the URL carries the filter');
  await change(() => page.selectOption('#search-section', ''));
  rs = await change(() => page.selectOption('#search-category', 'cai-cach-hanh-chinh'));
  check(rs.length === 2, 'category filter');
  await change(() => page.selectOption('#search-category', ''));
  rs = await change(() => page.selectOption('#search-year', '2024'));
  check(rs.length === 2 && titles(rs).includes('Sơ kết 6 tháng'), 'year filter (' + titles(rs).join(' | ') + ')');
  rs = await change(() => page.selectOption('#search-year', ''));
  check(rs[0].title === 'Đẩy mạnh cải cách hành chính năm 2023', 'relevance first by default');
  rs = await change(() => page.check('#search-newest'));
  check(titles(rs).join(' | ') === 'Sơ kết 6 tháng | Thông báo lịch tiếp công dân | Đẩy mạnh cải cách hành chính năm 2023',
    'newest first toggle orders by date (' + titles(rs).join(' | ') + ')');

  // A shared URL restores query, filters and order.
  await page.goto(base + 'tim-kiem/?q=hanh+chinh&year=2024&sort=date', { waitUntil: 'load' });
  await waitDone(page, null);
  rs = await results(page);
  check(await page.$eval('#search-year', (s) => s.value) === '2024' && await page.$eval('#search-newest', (c) => c.checked),
    'a shared URL restores the filters');
  check(titles(rs).join(' | ') === 'Sơ kết 6 tháng | Thông báo lịch tiếp công dân', 'and gives the same results');

  // Untrusted text is shown as text.
  await page.goto(base + 'tim-kiem/', { waitUntil: 'load' });
  await page.waitForFunction(() => document.getElementById('search-year').options.length > 1);
  rs = await query(page, 'thu nghiem');
  check(rs.length === 1 && rs[0].title.includes('<img src=x onerror=') &&
    await page.evaluate(() => !document.querySelector('.search-result img') && !window.pwned),
  'markup in a title is shown as text, never parsed ' + JSON.stringify(rs));

  rs = await query(page, 'khongcotrongchimuc');
  check(rs.length === 0 && /Không tìm thấy/.test(await page.textContent('#search-status')), 'no results says so');

  // axe on the page with results.
  await query(page, 'cai cach hanh chinh');
  const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.addScriptTag({ content: axeSource });
  const axe = await page.evaluate(async () => await window.axe.run(document,
    { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  check(axe.violations.length === 0, 'axe: search page with results has no violations ' +
    JSON.stringify(axe.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target).join(';'))));

  const foreign = requests.filter((u) => !u.startsWith(base));
  check(foreign.length === 0, 'no request leaves the site (' + foreign.join(', ') + ')');
  check(errors.length === 0, 'no script errors (' + errors.join('; ') + ')');
}

async function bench(browser) {
  let worstBytes = 0;
  let worstWarm = 0;
  let worstRank = 0;
  for (const q of queries) {
    const { page, requests, errors } = await newPage(browser);
    await page.goto(base + 'tim-kiem/', { waitUntil: 'load' });
    await page.waitForFunction(() => document.getElementById('search-year').options.length > 1);
    const rs = await query(page, q);
    const attr = (name) => page.$eval('#search-form', (f, n) => Number(f.getAttribute(n)), name);
    const cold = await attr('data-ms');
    const rankMs = await attr('data-rank-ms');
    const fetched = requests.filter((u) => u.includes('/search/'));
    const bytes = fetched.reduce((s, u) => s + gzipBytes(u), 0);
    const total = await page.textContent('#search-status');
    // The same query again: index and documents are loaded, so this is the
    // time to parse, rank and show.
    await query(page, q + ' ');
    const warm = await attr('data-ms');
    console.log(`query ${JSON.stringify(q)}: ${total}; shown ${rs.length}; first ${cold.toFixed(1)} ms ` +
      `(rank ${rankMs.toFixed(1)} ms), again ${warm.toFixed(1)} ms; ${fetched.length} index files, ` +
      `${(bytes / 1024).toFixed(1)} KB gzip (incl. meta.json)`);
    check(rs.length > 0, `${q}: results`);
    check(errors.length === 0, 'no script errors ' + errors.join('; '));
    worstBytes = Math.max(worstBytes, bytes);
    worstWarm = Math.max(worstWarm, warm);
    worstRank = Math.max(worstRank, rankMs);
    await page.close();
  }
  console.log(`worst: ${(worstBytes / 1024).toFixed(1)} KB, rank ${worstRank.toFixed(1)} ms, again ${worstWarm.toFixed(1)} ms`);
  check(worstBytes <= 300 * 1024, 'a first query fetches at most 300 KB compressed');
  // Timings are reported, not asserted: a test machine's load says nothing
  // about the code. The benchmark (docs/search.md) compares them with the
  // 100 ms target.
  console.log(`target: with the index loaded, a query answers in under 100 ms: ${worstWarm < 100 ? 'met' : 'NOT met'}`);
}

(async () => {
  const browser = await launchChromium();
  try {
    if (mode === 'fixture') await fixture(browser);
    else if (mode === 'bench') await bench(browser);
    else throw new Error('usage: search.js fixture|bench <base-url> <public-dir> [query…]');
  } finally {
    await browser.close();
  }
})().catch((e) => { console.error(e); process.exit(1); });
