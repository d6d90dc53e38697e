// Live reload in a real browser: started by tests/it/live_reload.rs against a
// running `bantin serve`. Arguments: the article's URL, the article's file,
// the site's stylesheet file (a theme override on disk).
// Checks: an edit reloads the page with the new text and keeps the scroll
// position; a CSS edit swaps the stylesheet without a reload; broken front
// matter shows an overlay naming file:line (also on a page opened while
// broken); fixing it removes the overlay and reloads.
const fs = require('fs');
const { launchChromium, check } = require('./lib.js');

const [url, articleFile, cssFile] = process.argv.slice(2);
const TIMEOUT = 20000;

function edit(file, from, to) {
  const text = fs.readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} lacks ${from}`);
  fs.writeFileSync(file, text.replace(from, to));
}

async function live(page) {
  await page.waitForFunction(() => window.__bantinLive === 'open', null, { timeout: TIMEOUT });
}

(async () => {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1000, height: 600 } });
    const problems = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    await page.goto(url);
    await live(page);
    check((await page.innerText('main')).includes('Phiên bản một'), 'the article is shown');

    // A stylesheet edit: swapped in place, the page is not reloaded.
    await page.evaluate(() => { window.__marker = 'còn nguyên'; });
    fs.appendFileSync(cssFile, '\nbody { outline: 3px solid rgb(1, 2, 3); }\n');
    await page.waitForFunction(
      () => getComputedStyle(document.body).outlineColor === 'rgb(1, 2, 3)', null, { timeout: TIMEOUT });
    check(await page.evaluate(() => window.__marker) === 'còn nguyên',
      'a CSS edit swaps the stylesheet without reloading the page');

    // A text edit: the page reloads at the same scroll position.
    await page.evaluate(() => window.scrollTo(0, 900));
    const y = await page.evaluate(() => window.scrollY);
    check(y > 500, `the page is scrolled (${y}px)`);
    edit(articleFile, 'Phiên bản một', 'Phiên bản hai');
    await page.waitForFunction(
      () => document.querySelector('main') && document.querySelector('main').innerText.includes('Phiên bản hai'),
      null, { timeout: TIMEOUT });
    check(await page.evaluate(() => window.__marker) === undefined, 'the edit reloaded the page');
    await live(page);
    await page.waitForFunction((want) => Math.abs(window.scrollY - want) < 5, y, { timeout: TIMEOUT });
    check(true, `the scroll position is kept (${await page.evaluate(() => window.scrollY)}px)`);

    // Broken front matter: an overlay names the file and line; the old page stays.
    const good = fs.readFileSync(articleFile, 'utf8');
    fs.writeFileSync(articleFile, good.replace('title: "', 'title: "<img src=x onerror=window.__xss=1> '));
    fs.writeFileSync(articleFile, fs.readFileSync(articleFile, 'utf8').replace('"\ndate', '\ndate:'));
    await page.waitForSelector('#bantin-error', { timeout: TIMEOUT });
    const shown = await page.innerText('#bantin-error');
    check(/content\/tin-tuc\/chao-mung\.md:\d+:\d+/.test(shown), `the overlay names file:line:col: ${shown.split('\n').find((l) => l.includes('chao-mung'))}`);
    check(await page.evaluate(() => document.querySelector('#bantin-error img') === null && window.__xss === undefined),
      'the overlay shows the message as text');
    check((await page.innerText('main')).includes('Phiên bản hai'), 'the last good page is still shown');

    // A page opened while the site is broken shows the overlay too.
    const second = await browser.newPage();
    await second.goto(url);
    await second.waitForSelector('#bantin-error', { timeout: TIMEOUT });
    check(true, 'a page opened while broken shows the overlay');
    await second.close();

    // Fixed: the overlay goes and the page reloads with the new text.
    fs.writeFileSync(articleFile, good.replace('Phiên bản hai', 'Phiên bản ba'));
    await page.waitForFunction(
      () => !document.querySelector('#bantin-error') &&
        document.querySelector('main') && document.querySelector('main').innerText.includes('Phiên bản ba'),
      null, { timeout: TIMEOUT });
    check(true, 'fixing the file removes the overlay and reloads');
    check(problems.length === 0, `no script errors ${problems.join('; ')}`);
  } finally {
    await browser.close();
  }
})().catch((e) => { console.error(e); process.exit(1); });
