// The sample site's photos on a phone (390×844 CSS px, 2× screen), served
// over real HTTP: every picture loads, the browser picks the WebP copy sharp
// enough for the screen, nothing is stretched or wider than the screen, lazy
// images load on scroll; screenshots of an article and the home page.
//   node images.js <public dir> <screenshot.png>
const http = require('http');
const fs = require('fs');
const path = require('path');
const { launchChromium, check } = require('./lib');

const [root, shot] = process.argv.slice(2);
const types = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript',
  '.jpg': 'image/jpeg', '.webp': 'image/webp', '.png': 'image/png', '.svg': 'image/svg+xml',
};
const server = http.createServer((req, res) => {
  let p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  if (p.endsWith('/')) p += 'index.html';
  const file = path.join(root, p);
  if (!file.startsWith(path.resolve(root))) { res.writeHead(403); res.end(); return; }
  fs.readFile(file, (err, data) => {
    if (err) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream' });
    res.end(data);
  });
});

async function pictures(page) {
  // Scroll through the page so that lazy images load, then wait for them.
  await page.evaluate(async () => {
    for (let y = 0; y < document.body.scrollHeight; y += 300) {
      window.scrollTo(0, y);
      await new Promise((r) => setTimeout(r, 30));
    }
    window.scrollTo(0, 0);
  });
  await page.waitForFunction(() => [...document.querySelectorAll('picture img')].every((i) => i.complete && i.naturalWidth > 0), null, { timeout: 20000 });
  return page.$$eval('picture img', (els) => els.map((i) => {
    const r = i.getBoundingClientRect();
    return { src: i.currentSrc, nw: i.naturalWidth, nh: i.naturalHeight, w: r.width, h: r.height };
  }));
}

function checkPictures(imgs, what) {
  check(imgs.length > 0, `${what}: has pictures`);
  for (const i of imgs) {
    const name = i.src.split('/').pop();
    check(i.src.endsWith('.webp'), `${what}: ${name} is the WebP copy`);
    check(i.w <= 390, `${what}: ${name} fits the screen (${i.w.toFixed(0)} px)`);
    check(Math.abs(i.w / i.h - i.nw / i.nh) < 0.02, `${what}: ${name} is not stretched`);
    // naturalWidth is density-corrected for srcset images: the file name carries the real size.
    const real = Number(/-(\d+)x\d+-[0-9a-f]+\.webp$/.exec(name)[1]);
    check(real >= Math.min(2 * i.w, 1600) * 0.9, `${what}: ${name} is sharp on a 2× screen at ${i.w.toFixed(0)} px`);
  }
}

(async () => {
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
    await page.goto(`${base}/tin-tuc/ky-thi-tot-nghiep-thpt-nam-2024/`);
    const imgs = await pictures(page);
    check(imgs.length === 2, 'article: lead photo and body photo');
    checkPictures(imgs, 'article');
    check(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'article: no sideways scrolling');
    check(await page.$eval('.article__image figcaption', (e) => e.textContent.includes('Ảnh: Lê Văn Bình')), 'article: credit under the lead photo');
    await page.screenshot({ path: shot });

    await page.goto(`${base}/`);
    const thumbs = await pictures(page);
    checkPictures(thumbs, 'home');
    for (const t of thumbs) check(Math.abs(t.w / t.h - 1.5) < 0.02, `home: thumbnail is 3:2 (${t.w.toFixed(0)}×${t.h.toFixed(0)})`);
    check(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'home: no sideways scrolling');
    await page.screenshot({ path: shot.replace(/\.png$/, '-home.png') });
  } finally {
    await browser.close();
    server.close();
  }
})().catch((e) => { console.error(e); process.exit(1); });
