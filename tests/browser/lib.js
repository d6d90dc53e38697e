// Shared helpers for the browser tests: launch Debian's headless Chromium with
// the flags this sandbox needs (no background networking, no sandbox as root).
const { chromium } = require('playwright-core');

async function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

function check(cond, message) {
  if (!cond) throw new Error('check failed: ' + message);
  console.log('ok - ' + message);
}

module.exports = { launchChromium, check };
