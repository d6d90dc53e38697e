/* bantin reader tools on an article page: the text-size control (A− A A+,
 * remembered across pages in localStorage), copying the article's link, and
 * the phone's share sheet (Web Share API). No third-party requests.
 *
 * Progressive enhancement: the share links to Facebook and Zalo are plain
 * links that work without this script. The controls that need it carry the
 * class `js-only` (or `share-sheet-only`) and are shown by CSS once the small
 * inline script at the top of article.html has marked <html> with
 * `reader-js` (and `can-share` where navigator.share exists). That inline
 * script also applies the stored size (`--text-size` on <html>) before the
 * first paint, so a larger size never flashes at 100 % first.
 */
(function () {
  'use strict';

  var KEY = 'bantin.textSize';
  var STEPS = [90, 100, 110, 120, 135, 150];
  var root = document.documentElement;

  function load() {
    try {
      return Number(localStorage.getItem(KEY)) || 100;
    } catch (e) {
      return 100;
    }
  }

  function save(size) {
    try {
      if (size === 100) localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, String(size));
    } catch (e) { /* private mode or storage off: the size lasts for this page */ }
  }

  /** The step closest to `size` (a stored value from an older step list). */
  function nearest(size) {
    return STEPS.reduce(function (best, s) {
      return Math.abs(s - size) < Math.abs(best - size) ? s : best;
    }, 100);
  }

  // ---------- Text size ----------

  var buttons = document.querySelectorAll('[data-text-size]');
  var value = document.getElementById('text-size-value');
  var size = nearest(load());

  function show(next) {
    size = next;
    if (size === 100) root.style.removeProperty('--text-size');
    else root.style.setProperty('--text-size', String(size / 100));
    if (value) value.textContent = size + '%';
    var i = STEPS.indexOf(size);
    buttons.forEach(function (b) {
      var mode = b.getAttribute('data-text-size');
      var off = (mode === 'down' && i === 0) || (mode === 'up' && i === STEPS.length - 1) ||
        (mode === 'reset' && size === 100);
      // aria-disabled, not disabled: the focus stays on a button that reached its end.
      b.setAttribute('aria-disabled', off ? 'true' : 'false');
    });
  }

  buttons.forEach(function (b) {
    b.addEventListener('click', function () {
      var i = STEPS.indexOf(size);
      var mode = b.getAttribute('data-text-size');
      var next = mode === 'up' ? STEPS[Math.min(i + 1, STEPS.length - 1)]
        : mode === 'down' ? STEPS[Math.max(i - 1, 0)] : 100;
      if (next === size) return;
      show(next);
      save(next);
    });
  });
  // Another tab of the site changed the size: follow it.
  window.addEventListener('storage', function (e) {
    if (e.key === KEY) show(nearest(Number(e.newValue) || 100));
  });
  show(size);

  // ---------- Sharing ----------

  var share = document.querySelector('.share');
  if (!share) return;
  var status = document.getElementById('share-status');
  var url = share.getAttribute('data-url');
  var title = share.getAttribute('data-title');
  var clearTimer = null;

  function say(text, extra) {
    clearTimeout(clearTimer);
    status.textContent = text;
    if (extra) {
      var code = document.createElement('span');
      code.className = 'share__url';
      code.textContent = ' ' + extra;
      status.appendChild(code);
      return;
    }
    clearTimer = setTimeout(function () { status.textContent = ''; }, 6000);
  }

  // Clipboard API where the page may use it (https, localhost); otherwise the
  // older copy command on a selected, off-screen text field.
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var field = document.createElement('textarea');
      field.value = text;
      field.setAttribute('readonly', '');
      field.style.position = 'fixed';
      field.style.top = '-10em';
      document.body.appendChild(field);
      field.select();
      var ok = false;
      try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
      document.body.removeChild(field);
      if (ok) resolve(); else reject(new Error('copy command refused'));
    });
  }

  share.addEventListener('click', function (e) {
    var button = e.target.closest('[data-share]');
    if (!button) return;
    if (button.getAttribute('data-share') === 'copy') {
      copy(url).then(function () {
        button.focus();
        say(share.getAttribute('data-copied'));
      }, function () {
        button.focus();
        say(share.getAttribute('data-copy-failed'), url);
      });
    } else if (navigator.share) {
      navigator.share({ title: title, url: url }).catch(function () {
        /* dismissed by the reader, or the sheet was already open */
      });
    }
  });
})();
