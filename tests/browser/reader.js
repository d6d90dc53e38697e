// Reader tools on an article, and layout stability, in headless Chromium
// against a built site served over HTTP on 127.0.0.1 (under a base path).
//
// node reader.js <base-url> <article-path> <other-article-path> <search-path>
//
// Checks: no request leaves 127.0.0.1 while an article loads; the share links
// carry the page's URL; A+ twice gives 120 %, kept on another article and
// applied there before js/reader.js runs; A− stops at 90 % and A resets;
// copy link puts the permalink in the clipboard and says so in a live region;
// the share-sheet button shows only where navigator.share exists and passes
// the title and URL; printing hides the tools and prints at the document's
// size; with JavaScript off the share links are still there and the script
// controls are not; the search page at a 390 px phone viewport, its index
// answering slowly, shifts nothing (CLS from PerformanceObserver layout-shift).
const { launchChromium, check } = require('./lib.js');

const [base, articlePath, otherPath, searchPath] = process.argv.slice(2);
const origin = new URL(base).origin;
const articleUrl = base + articlePath;
const otherUrl = base + otherPath;

// Records every layout shift from the start of the page, and every request.
async function watchedPage(context) {
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        window.__shifts.push({
          value: e.value,
          sources: e.sources.map((s) => (s.node && (s.node.id || s.node.className || s.node.nodeName)) || '?'),
        });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return { page, requests, errors };
}

// Every shift counts, also those Chromium marks as after an input: a reader
// who typed nothing must see nothing move.
async function shifts(page) {
  const list = await page.evaluate(() => window.__shifts);
  return { cls: list.reduce((a, e) => a + e.value, 0), list };
}

function offSite(requests) {
  return requests.filter((u) => !u.startsWith('data:') && new URL(u).hostname !== '127.0.0.1');
}

const fontSize = (page, sel) => page.$eval(sel, (el) => parseFloat(getComputedStyle(el).fontSize));
const shown = (page, sel) => page.$eval(sel, (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden');

async function shareLinks(page) {
  const href = (cls) => page.$eval('a.share__link--' + cls, (a) => ({ href: a.href, target: a.target, rel: a.rel }));
  return { facebook: await href('facebook'), zalo: await href('zalo') };
}

async function articleAndLinks(browser) {
  const context = await browser.newContext();
  const { page, requests, errors } = await watchedPage(context);
  await page.goto(articleUrl, { waitUntil: 'networkidle' });
  check(requests.length > 3 && offSite(requests).length === 0,
    `no request leaves 127.0.0.1 while loading an article (${requests.length} requests; off site: ${offSite(requests).join(' ') || 'none'})`);
  const links = await shareLinks(page);
  const fb = new URL(links.facebook.href);
  check(fb.origin + fb.pathname === 'https://www.facebook.com/sharer/sharer.php' && fb.searchParams.get('u') === articleUrl,
    'the Facebook link shares this page: ' + links.facebook.href);
  const zalo = new URL(links.zalo.href);
  check(zalo.origin + zalo.pathname === 'https://sp.zalo.me/share_to_zalo' && zalo.searchParams.get('url') === articleUrl,
    'the Zalo link shares this page: ' + links.zalo.href);
  for (const l of [links.facebook, links.zalo]) {
    check(l.target === '_blank' && l.rel.split(' ').includes('noopener'), 'opens a new tab with rel=noopener: ' + l.href);
  }
  check(!(await shown(page, '[data-share="sheet"]')), 'no share-sheet button where navigator.share is missing');
  check(errors.length === 0, 'no script errors: ' + errors.join('; '));
  await context.close();
}

async function textSize(browser) {
  const context = await browser.newContext();
  const { page } = await watchedPage(context);
  await page.goto(articleUrl, { waitUntil: 'networkidle' });
  const normal = await fontSize(page, '.content p');
  await page.click('[data-text-size="up"]');
  await page.click('[data-text-size="up"]');
  const larger = await fontSize(page, '.content p');
  check(Math.abs(larger - normal * 1.2) < 0.05, `A+ twice: body text ${normal}px → ${larger}px (120 %)`);
  check((await page.textContent('#text-size-value')) === '120%', 'the live status says 120%');
  check((await page.evaluate(() => localStorage.getItem('bantin.textSize'))) === '120', 'the size is stored');

  // Another article, with js/reader.js blocked: the inline script alone must
  // apply the size, so it is there before the first paint.
  const other = await watchedPage(context);
  await other.page.route('**/js/reader*.js', (r) => r.abort());
  await other.page.goto(otherUrl, { waitUntil: 'networkidle' });
  const kept = await fontSize(other.page, '.content p');
  check(Math.abs(kept - larger) < 0.05, `another article opens at 120 % before js/reader.js runs (${kept}px)`);
  const { cls } = await shifts(other.page);
  check(cls === 0, `no layout shift when an article opens at a stored size (CLS ${cls})`);

  // With the script: limits and reset.
  await other.page.unroute('**/js/reader*.js');
  await other.page.goto(otherUrl, { waitUntil: 'networkidle' });
  for (let i = 0; i < 3; i++) await other.page.click('[data-text-size="down"]');
  check((await other.page.getAttribute('[data-text-size="down"]', 'aria-disabled')) === 'true', 'A− is marked aria-disabled at 90 %');
  // Still focusable and clickable (aria-disabled), it changes nothing more.
  await other.page.click('[data-text-size="down"]', { force: true });
  const smallest = await fontSize(other.page, '.content p');
  check(Math.abs(smallest - normal * 0.9) < 0.05, `A− stops at 90 % (${smallest}px)`);
  await other.page.click('[data-text-size="reset"]');
  check(Math.abs((await fontSize(other.page, '.content p')) - normal) < 0.05, 'A resets to 100 %');
  check((await other.page.evaluate(() => localStorage.getItem('bantin.textSize'))) === null, 'the default size is not stored');

  // Printing: the tools are hidden and the chosen size does not carry over.
  await other.page.click('[data-text-size="up"]');
  await other.page.emulateMedia({ media: 'print' });
  for (const sel of ['.text-size', '.share', '#print-button']) {
    check(!(await shown(other.page, sel)), `${sel} is hidden in print`);
  }
  const printed = await fontSize(other.page, '.content p');
  check(Math.abs(printed - 16) < 0.05, `printed body text is 12pt whatever the chosen size (${printed}px)`);
  await context.close();
}

async function copyAndShare(browser) {
  const context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  const { page } = await watchedPage(context);
  await page.goto(articleUrl, { waitUntil: 'networkidle' });
  check(await shown(page, '[data-share="copy"]'), 'the copy-link button shows with JavaScript');
  check((await page.getAttribute('#share-status', 'role')) === 'status', 'its confirmation is a live region');
  await page.click('[data-share="copy"]');
  await page.waitForFunction(() => document.getElementById('share-status').textContent.trim() !== '');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  check(copied === articleUrl, 'copy link puts the article URL in the clipboard: ' + copied);
  const said = await page.textContent('#share-status');
  check(said.includes('Đã sao chép') && await shown(page, '#share-status'), 'and says so visibly: ' + said);

  // A site on plain http (no secure context, no navigator.clipboard): the older
  // copy command on a selected field still copies.
  const plain = await context.newPage();
  await plain.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined });
  });
  await plain.goto(otherUrl, { waitUntil: 'networkidle' });
  await plain.click('[data-share="copy"]');
  await plain.waitForFunction(() => document.getElementById('share-status').textContent.trim() !== '');
  const viaCommand = await page.evaluate(() => navigator.clipboard.readText());
  check(viaCommand === otherUrl && (await plain.textContent('#share-status')).includes('Đã sao chép'),
    'without the Clipboard API the copy command copies the link: ' + viaCommand);
  check((await plain.evaluate(() => document.activeElement.getAttribute('data-share'))) === 'copy',
    'and the focus is back on the button');
  // Copying refused altogether: the reader is shown the link to copy by hand.
  const refused = await context.newPage();
  await refused.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined });
    document.execCommand = () => false;
  });
  await refused.goto(otherUrl, { waitUntil: 'networkidle' });
  await refused.click('[data-share="copy"]');
  await refused.waitForFunction(() => document.getElementById('share-status').textContent.trim() !== '');
  const told = await refused.textContent('#share-status');
  check(told.includes('Không sao chép được') && told.includes(otherUrl), 'a refused copy shows the link instead: ' + told);

  // A phone: navigator.share exists (defined before the page's scripts run).
  const phone = await context.newPage();
  await phone.addInitScript(() => {
    navigator.share = (data) => { window.__shared = data; return Promise.resolve(); };
  });
  await phone.goto(articleUrl, { waitUntil: 'networkidle' });
  check(await shown(phone, '[data-share="sheet"]'), 'the share-sheet button shows where navigator.share exists');
  await phone.click('[data-share="sheet"]');
  const shared = await phone.evaluate(() => window.__shared);
  const title = await phone.textContent('h1');
  check(shared && shared.url === articleUrl && shared.title === title, 'it passes the title and URL: ' + JSON.stringify(shared));
  await context.close();
}

async function withoutJavaScript(browser) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(articleUrl, { waitUntil: 'load' });
  const links = await shareLinks(page);
  check(links.facebook.href.includes('facebook.com/sharer') && links.zalo.href.includes('zalo.me'), 'without JavaScript the share links are there');
  check(await shown(page, 'a.share__link--facebook') && await shown(page, 'a.share__link--zalo'), 'and visible');
  for (const sel of ['.text-size', '[data-share="copy"]', '[data-share="sheet"]', '#print-button']) {
    check(!(await shown(page, sel)), `without JavaScript ${sel} is not shown`);
  }
  await context.close();
}

async function searchDoesNotShift(browser) {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true,
  });
  const { page, errors } = await watchedPage(context);
  // The index answers slowly, as on a phone network: results come well after the first paint.
  await page.route('**/search/**', async (r) => {
    await new Promise((res) => setTimeout(res, 600));
    await r.continue();
  });
  await page.goto(base + searchPath, { waitUntil: 'load' });
  await page.waitForFunction(() => document.getElementById('search-form').getAttribute('data-done'), null, { timeout: 20000 });
  await page.waitForTimeout(300);
  const count = await page.$$eval('.search-result', (els) => els.length);
  check(count > 0, `the search page shows results (${count})`);
  const { cls, list } = await shifts(page);
  check(cls < 0.01, `no layout shift on the search page at 390 px while its index loads (CLS ${cls.toFixed(4)}; ${JSON.stringify(list)})`);
  check(errors.length === 0, 'no script errors: ' + errors.join('; '));
  await context.close();
}

(async () => {
  const browser = await launchChromium();
  try {
    await articleAndLinks(browser);
    await textSize(browser);
    await copyAndShare(browser);
    await withoutJavaScript(browser);
    await searchDoesNotShift(browser);
  } finally {
    await browser.close();
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
