// The documents registry's script (static/js/van-ban.js) in a real browser:
// the hidden filter form appears, selects and the search box filter every
// record from index.json without reloading, reset restores the page.
// Usage: node registry-filter.js PUBLIC_DIR   (a build of tests/fixtures/registry)
const http = require('http');
const fs = require('fs');
const path = require('path');
const { launchChromium, check } = require('./lib.js');

const root = path.resolve(process.argv[2]);
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };
const server = http.createServer((req, res) => {
  let p = path.join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname));
  if (!p.startsWith(root)) { res.writeHead(403); return res.end(); }
  if (fs.existsSync(p) && fs.statSync(p).isDirectory()) p = path.join(p, 'index.html');
  fs.readFile(p, (err, data) => {
    if (err) { res.writeHead(404); return res.end('not found'); }
    res.writeHead(200, { 'Content-Type': types[path.extname(p)] || 'application/octet-stream' });
    res.end(data);
  });
});

(async () => {
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const base = 'http://127.0.0.1:' + server.address().port;
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const rows = () => page.$$eval('#registry-table tbody tr', (trs) => trs.map((tr) => tr.querySelector('th').textContent.trim()));
    const waitRows = (n) => page.waitForFunction((n) => document.querySelectorAll('#registry-table tbody tr').length === n, n, { timeout: 20000 });

    await page.goto(base + '/van-ban/');
    check(await page.isVisible('#registry-search'), 'the filter form is shown when the script runs');
    check((await rows()).length === 2, 'page 1 shows 2 of 6 records');
    check(await page.isVisible('.pagination'), 'pagination is shown');

    await page.selectOption('#registry-kind', 'cong-van');
    await waitRows(3);
    const cv = await rows();
    check(cv.join('|') === '2231/SNV-CCHC&PC|1141/UBND-KSTTHC|385/BNV-CCHC', 'kind filter spans every page: ' + cv.join('|'));
    check(!(await page.isVisible('.pagination')), 'pagination is hidden while filtering');
    check((await page.textContent('#registry-status')).startsWith('3 '), 'the status line announces 3 results');

    await page.selectOption('#registry-issuer', 'bo-noi-vu');
    await waitRows(1);
    check(await page.getAttribute('#registry-table tbody tr th a', 'href') === '/van-ban/385-bnv-cchc/', 'kind + issuer combine; the row links to the record page');

    await page.click('#registry-search button[type=reset]');
    await waitRows(2);
    check(await page.isVisible('.pagination'), 'reset restores the page as generated');

    await page.fill('#registry-q', 'chuong trinh tong the');
    await waitRows(1);
    check((await rows())[0] === '30c/NQ-CP', 'search without diacritics finds the subject');
    await page.fill('#registry-q', '385/bnv');
    await waitRows(2);
    check((await rows()).join('|') === '1141/UBND-KSTTHC|385/BNV-CCHC', 'search by number, any case (1141 cites it in its subject)');

    await page.goto(base + '/van-ban/nam/2023/');
    check(await page.inputValue('#registry-year') === '2023', 'a filter page preselects its filter');
    await page.selectOption('#registry-kind', 'quyet-dinh');
    await waitRows(1);
    check((await rows())[0] === '12/2023/QĐ-UBND', 'year page + kind: one record');
    check(errors.length === 0, 'no script errors: ' + errors.join('; '));
  } finally {
    await browser.close();
    server.close();
  }
})().catch((e) => { console.error(e); process.exit(1); });
