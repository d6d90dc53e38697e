// Lighthouse (the npm package, its default mobile configuration with
// simulated throttling) on pages of a built site served on 127.0.0.1.
//
// node lighthouse.js <url>...
//
// Prints each run's category scores and the audits that lost points, then a
// line `RESULT {url: {performance, accessibility, best-practices, seo,
// seo-without-noindex}}` for the caller to judge. `seo-without-noindex` is the
// SEO score with the `is-crawlable` audit left out, for a page that is
// `noindex` on purpose (the search page).
//
// The performance score depends on timing, which varies with the load of the
// machine: a URL whose first run scores under 0.95 there is run twice more and
// the median of the three runs is kept (for every category), as Lighthouse's
// documentation advises for variance.
// Chromium is /usr/bin/chromium (or CHROME_PATH), started by chrome-launcher
// (Lighthouse's own launcher) headless, with nothing that reaches the network.
const path = require('path');
const { pathToFileURL } = require('url');

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-default-apps'];

// Lighthouse and chrome-launcher are ES modules: import them by file, found
// through NODE_PATH like every package of the browser tests.
async function load() {
  const main = require.resolve('lighthouse');
  const lighthouse = (await import(pathToFileURL(main).href)).default;
  const launcher = require.resolve('chrome-launcher', { paths: [path.dirname(main)] });
  return { lighthouse, chromeLauncher: await import(pathToFileURL(launcher).href) };
}

// Weighted mean of a category's audits, leaving some out (null: not applicable).
function scoreWithout(lhr, category, leftOut) {
  let sum = 0;
  let weights = 0;
  for (const ref of lhr.categories[category].auditRefs) {
    const audit = lhr.audits[ref.id];
    if (leftOut.includes(ref.id) || ref.weight === 0 || audit.score === null) continue;
    sum += audit.score * ref.weight;
    weights += ref.weight;
  }
  return weights ? Math.round((sum / weights) * 100) / 100 : null;
}

function scores(lhr) {
  const out = {};
  for (const c of CATEGORIES) out[c] = lhr.categories[c].score;
  out['seo-without-noindex'] = scoreWithout(lhr, 'seo', ['is-crawlable']);
  return out;
}

function lostPoints(lhr) {
  const lines = [];
  for (const c of CATEGORIES) {
    for (const ref of lhr.categories[c].auditRefs) {
      const a = lhr.audits[ref.id];
      if (ref.weight > 0 && a.score !== null && a.score < 1) {
        lines.push(`    ${c}: ${ref.id} ${a.score}${a.displayValue ? ' (' + a.displayValue + ')' : ''}`);
      }
    }
  }
  return lines;
}

const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function audit(lighthouse, port, url) {
  const result = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES });
  const lhr = result.lhr;
  if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const s = scores(lhr);
  console.log(`${url}: ${CATEGORIES.map((c) => c + ' ' + s[c]).join(', ')}, seo without noindex ${s['seo-without-noindex']}`);
  for (const l of lostPoints(lhr)) console.log(l);
  return s;
}

(async () => {
  const urls = process.argv.slice(2);
  const { lighthouse, chromeLauncher } = await load();
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    chromeFlags: FLAGS,
  });
  const result = {};
  try {
    for (const url of urls) {
      const runs = [await audit(lighthouse, chrome.port, url)];
      if (runs[0].performance < 0.95) {
        console.log('  below 0.95 once: two more runs, the median is kept');
        runs.push(await audit(lighthouse, chrome.port, url));
        runs.push(await audit(lighthouse, chrome.port, url));
      }
      result[url] = {};
      for (const key of Object.keys(runs[0])) result[url][key] = median(runs.map((r) => r[key]));
    }
  } finally {
    await chrome.kill();
  }
  console.log('RESULT ' + JSON.stringify(result));
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
