// Soạn bài, the editor inside `bantin serve`, in headless Chromium. Started
// by tests/it/editor/browser.rs against a running `bantin serve` of the
// sample site. Arguments: the server's base URL (http://127.0.0.1:PORT/), the
// site folder, the seed article's file (relative to content/) and its URL path.
// Checks: a new article with a dispatch block (the number warning as you
// type, its suggestion, the live preview, saving); editing the seed article
// through the bar's "Sửa bài này"; a conflict; input-method composition never
// triggers a preview; the dashboard's filters; axe and a 390 px screen; and
// each security refusal from a real page (cross-site post, rebinding Host,
// traversal, oversized body) with nothing written.
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');
const { check } = require('./lib.js');

const [base, root, seedRel, seedUrl] = process.argv.slice(2);
const port = new URL(base).port;
const ED = base + '__bantin/soan-bai/';
const T = 20000;
const content = (rel) => path.join(root, 'content', rel);
const read = (rel) => fs.readFileSync(content(rel), 'utf8');

function snapshot(dir) {
  const out = {};
  (function walk(d) {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p); else if (e.isFile()) out[p] = fs.readFileSync(p, 'utf8');
    }
  })(dir);
  return JSON.stringify(out);
}

async function axe(page, what) {
  const src = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.addScriptTag({ content: src });
  const r = await page.evaluate(async () => await window.axe.run(document,
    { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  check(r.violations.length === 0, 'axe: ' + what + ' has no violations ' +
    JSON.stringify(r.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target).join(';'))));
}

async function previewed(page, text) {
  await page.waitForFunction((t) => {
    const f = document.getElementById('preview');
    return f && f.srcdoc.includes(t);
  }, text, { timeout: T });
}

async function newArticle(page) {
  await page.goto(ED + 'moi');
  await page.selectOption('#f-section', 'thong-bao');
  await page.type('#f-title', 'Thông báo triển khai Nghị định 42');
  await page.fill('#f-category', 'Thông báo');
  // The number typed with a missing dash: the build's parser warns and suggests.
  await page.type('#f-dispatch-number', '42/2022/NĐCP', { delay: 20 });
  await page.waitForFunction(() => /NĐ-CP/.test(document.getElementById('number-check').textContent), null, { timeout: T });
  check(await page.$eval('#number-check', (e) => e.className) === 'bad', 'the number warning appears as you type');
  check(/chưa viết đúng thể thức theo Nghị định 30\/2020/.test(await page.textContent('#number-check')),
    'the warning is the build\'s own, in Vietnamese');
  await page.click('#use-suggestion');
  await page.waitForFunction(() => document.getElementById('number-check').className === 'good', null, { timeout: T });
  check(await page.inputValue('#f-dispatch-number') === '42/2022/NĐ-CP', 'the suggested number is taken with one click');
  await page.fill('#f-dispatch-kind', 'Nghị định');
  await page.fill('#f-dispatch-issued', '2022-06-24');
  await page.fill('#f-dispatch-issuer', 'Chính phủ');
  await page.click('#f-body');
  await page.keyboard.type('Nội dung thông báo về dịch vụ công trực tuyến.');
  await previewed(page, 'Nội dung thông báo về dịch vụ công trực tuyến.');
  check(true, 'the live preview shows the typed body in the theme');
  await previewed(page, '42/2022/NĐ-CP');
  // Shown, not only sent: the frame holds the theme's article page, its stylesheet applied.
  await page.waitForFunction(() => {
    const d = document.getElementById('preview').contentDocument;
    const h = d && d.querySelector('h1.article__title');
    return h && h.textContent.includes('Nghị định 42') && d.styleSheets.length > 0 &&
      getComputedStyle(d.body).fontFamily !== getComputedStyle(document.body).fontFamily;
  }, null, { timeout: T });
  check(true, 'the preview frame shows the article page in the site\'s theme');
  await page.click('#save');
  await page.waitForFunction(() => /Đã lưu/.test(document.getElementById('save-status').textContent), null, { timeout: T });
  const rel = 'thong-bao/thong-bao-trien-khai-nghi-dinh-42.md';
  check(fs.existsSync(content(rel)) && read(rel).includes('number: 42/2022/NĐ-CP'), 'the new article is saved with its dispatch block');
  check(page.url().includes('sua?tep='), 'the page becomes the new article\'s editor');
}

async function editSeed(page) {
  await page.goto(base + seedUrl);
  await page.click('#bantin-edit-this');
  await page.waitForSelector('#article-form');
  check(await page.inputValue('input[name=rel]') === seedRel, '"Sửa bài này" on the seed article opens it in the editor');
  await page.click('#f-body');
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\n\nĐoạn mới thêm ');
  await page.keyboard.press('Control+B');
  await page.click('#save');
  await page.waitForFunction(() => /Đã lưu/.test(document.getElementById('save-status').textContent), null, { timeout: T });
  check(read(seedRel).includes('Đoạn mới thêm **chữ đậm**'), 'the seed article is edited (toolbar shortcut included) and saved');
}

async function conflict(page) {
  await page.goto(ED + 'sua?tep=' + encodeURIComponent(seedRel));
  const other = read(seedRel).replace('Đoạn mới thêm', 'Sửa ở cửa sổ khác');
  fs.writeFileSync(content(seedRel), other);
  await page.fill('#f-title', 'Tiêu đề của tôi');
  await page.click('#save');
  await page.waitForSelector('#conflict:not([hidden]) #disk', { timeout: T });
  check((await page.textContent('#disk')).includes('Sửa ở cửa sổ khác') && (await page.textContent('#mine')).includes('Tiêu đề của tôi'),
    'a conflict shows both versions');
  check(read(seedRel) === other, 'nothing is overwritten on a conflict');
}

async function composition(page) {
  await page.goto(ED + 'sua?tep=' + encodeURIComponent(seedRel));
  await page.waitForFunction(() => document.getElementById('article-form').hasAttribute('data-previewed'), null, { timeout: T });
  let previews = 0;
  page.on('request', (r) => { if (r.url().endsWith('/xem-truoc')) previews++; });
  await page.click('#f-body');
  await page.keyboard.press('Control+End');
  const cdp = await page.context().newCDPSession(page);
  for (const text of ['v', 'vi', 'vie', 'viê', 'việ']) {
    await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
    await page.waitForTimeout(150);
  }
  await page.waitForTimeout(500);
  check(previews === 0, 'no preview while the input method composes (' + previews + ')');
  await cdp.send('Input.insertText', { text: 'việt' });
  await page.waitForFunction(() => document.getElementById('f-body').value.endsWith('việt'), null, { timeout: T });
  await page.waitForTimeout(700);
  check(previews >= 1, 'the preview follows once the word is committed');
}

async function dashboard(page) {
  await page.goto(ED);
  const rows = () => page.$$eval('#articles tbody tr', (t) => t.length);
  const all = await rows();
  await page.selectOption('select[name=muc]', 'thong-bao');
  await page.keyboard.press('Enter');
  await page.click('.filters button');
  await page.waitForLoadState('load');
  const some = await rows();
  check(some > 0 && some < all, `filter by section (${all} → ${some})`);
  const sections = await page.$$eval('#articles tbody tr td:nth-child(2)', (t) => t.map((x) => x.textContent));
  check(sections.every((s) => s === 'Thông báo'), 'only that section is listed');
  await page.goto(ED + '?q=nghi+dinh+42');
  check(await rows() === 1, 'text search without diacritics finds the new article');
  await page.goto(ED + '?trang-thai=nhap');
  check(await rows() === 0 || (await page.$$eval('#articles tbody tr', (t) => t.every((r) => r.dataset.state === 'nhap'))), 'filter by state');
  await axe(page, 'the dashboard');
}

async function narrow(browser) {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  for (const u of [ED, ED + 'sua?tep=' + encodeURIComponent(seedRel)]) {
    await page.goto(u);
    const w = await page.evaluate(() => document.documentElement.scrollWidth);
    check(w <= 390, `usable at 390 px: nothing wider than the screen on ${u} (${w}px)`);
  }
  // Keyboard: Tab from the top reaches the form's fields in order.
  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => document.activeElement.textContent);
  check(first.length > 0, 'the first Tab stop is the editor\'s navigation (' + first + ')');
  await axe(page, 'the editor at 390 px');
  await page.close();
}

async function plainText(page) {
  // A file whose front matter does not read opens as plain text, with its problem shown.
  const rel = 'thong-bao/hong-tam.md';
  fs.writeFileSync(content(rel), '---\ntitle: "Chưa đóng\ndate: 2024-01-01\n---\nx\n');
  await page.goto(ED + 'sua?tep=' + encodeURIComponent(rel));
  check(await page.$('input[name=raw]') !== null && (await page.inputValue('#f-body')).startsWith('---\ntitle: "Chưa đóng'),
    'a file whose front matter does not read opens as plain text');
  await page.waitForFunction(() => document.getElementById('p-f-body').textContent.includes('dòng'), null, { timeout: T });
  check(true, 'its problem is shown with the file\'s line');
  await axe(page, 'the plain-text editor');
  fs.unlinkSync(content(rel));
}

async function security(browser, page) {
  const before = snapshot(path.join(root, 'content'));
  // A cross-site form post from another origin, with the right field names.
  const evil = await browser.newPage();
  await evil.route('http://evil.test/**', (r) => r.fulfill({
    contentType: 'text/html',
    body: `<form id=f method=post action="${ED}luu"><input name=rel value="${seedRel}"><input name=title value="bị chiếm"><input name=_token value="x"></form><script>f.submit()</script>`,
  }));
  const resp = evil.waitForResponse((r) => r.url().endsWith('/luu'));
  await evil.goto('http://evil.test/');
  check((await resp).status() === 403, 'a cross-site form post is refused (403)');
  // DNS rebinding: a name that resolves to 127.0.0.1.
  const r = await evil.goto(`http://rebind.test:${port}/__bantin/soan-bai/`);
  check(r.status() === 421, 'a page reached through another host name is refused (421)');
  await evil.close();
  // From the editor's own page, with its token: traversal and an oversized body.
  await page.goto(ED + 'sua?tep=' + encodeURIComponent(seedRel));
  const statuses = await page.evaluate(async () => {
    const form = document.getElementById('article-form');
    const send = async (edit) => {
      const fd = new URLSearchParams(new FormData(form));
      edit(fd);
      return (await fetch('/__bantin/soan-bai/luu', { method: 'POST', body: fd })).status;
    };
    return {
      traversal: await send((fd) => fd.set('rel', '../../config.md')),
      absolute: await send((fd) => fd.set('rel', '/etc/passwd.md')),
      big: await send((fd) => fd.set('body', 'a'.repeat(3 * 1024 * 1024))),
    };
  });
  check(statuses.traversal === 400 && statuses.absolute === 400, 'a traversal in a file name is refused ' + JSON.stringify(statuses));
  check(statuses.big === 413, 'an oversized body is refused (413)');
  check(snapshot(path.join(root, 'content')) === before, 'nothing was written by the refused requests');
}

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--host-resolver-rules=MAP rebind.test 127.0.0.1'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors = [];
    const foreign = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('request', (r) => { if (!r.url().startsWith(base) && !r.url().startsWith('about:')) foreign.push(r.url()); });
    await newArticle(page);
    await axe(page, 'the editor');
    await editSeed(page);
    await conflict(page);
    await composition(page);
    await dashboard(page);
    await plainText(page);
    await narrow(browser);
    check(foreign.length === 0, 'the editor fetches nothing from elsewhere (' + foreign.join(', ') + ')');
    check(errors.length === 0, 'no script errors (' + errors.join('; ') + ')');
    await security(browser, page);
  } finally {
    await browser.close();
  }
})().catch((e) => { console.error(e); process.exit(1); });
