// bantin serve — live reload. Added to HTML responses by `bantin serve` only,
// never to the built site. Listens to /__bantin/events (Server-Sent Events):
//   reload {pages, css}: reload when this page changed, swap changed stylesheets;
//   build-error {errors, overlay}: show the build errors over the page, in
//     the words of `overlay` (heading, hint: the user's language);
//   fixed: the build works again — reload.
(function () {
  'use strict';
  var me = document.currentScript;
  var status = me ? me.getAttribute('data-status') : '200';
  var scrollKey = 'bantin:scroll:' + location.pathname;

  function here() {
    var p;
    try { p = decodeURIComponent(location.pathname); } catch (e) { p = location.pathname; }
    return p.replace(/index\.html$/, '');
  }

  function reload() {
    try { sessionStorage.setItem(scrollKey, String(window.scrollY)); } catch (e) { /* private mode */ }
    location.reload();
  }

  function restoreScroll() {
    var y = null;
    try { y = sessionStorage.getItem(scrollKey); sessionStorage.removeItem(scrollKey); } catch (e) { /* */ }
    if (y !== null) {
      var top = parseFloat(y) || 0;
      window.scrollTo(0, top);
      window.addEventListener('load', function () { window.scrollTo(0, top); });
    }
  }

  function swapStylesheets(urls) {
    var links = document.querySelectorAll('link[rel~="stylesheet"]');
    Array.prototype.forEach.call(links, function (link) {
      var u = new URL(link.href, location.href);
      var path;
      try { path = decodeURIComponent(u.pathname); } catch (e) { path = u.pathname; }
      if (u.origin !== location.origin || urls.indexOf(path) < 0) return;
      u.searchParams.set('bantin', String(Date.now()));
      var fresh = link.cloneNode();
      fresh.href = u.href;
      fresh.addEventListener('load', function () { link.remove(); });
      fresh.addEventListener('error', function () { link.remove(); });
      link.after(fresh);
    });
  }

  var overlay = null;
  function hideErrors() {
    if (overlay) { overlay.remove(); overlay = null; }
  }
  function showErrors(errors, words) {
    words = words || {};
    hideErrors();
    overlay = document.createElement('div');
    overlay.id = 'bantin-error';
    overlay.setAttribute('role', 'alert');
    overlay.style.cssText = 'position:fixed;inset:0;z-index:2147483647;overflow:auto;' +
      'background:rgba(20,20,20,.92);color:#fff;font:15px/1.5 system-ui,sans-serif;padding:2em';
    var h = document.createElement('h2');
    h.textContent = words.heading || 'Build error — the last good site is shown';
    h.style.cssText = 'margin:0 0 1em;color:#ff8a80;font-size:1.2em';
    overlay.appendChild(h);
    errors.forEach(function (e) {
      var box = document.createElement('div');
      box.className = 'bantin-error-item';
      box.style.cssText = 'margin:0 0 1.2em;padding:.8em 1em;border-left:4px solid #ff5252;background:#2b2b2b';
      var where = document.createElement('code');
      where.className = 'bantin-error-location';
      where.textContent = e.location;
      where.style.cssText = 'display:block;color:#ffd180;font:14px/1.4 ui-monospace,monospace';
      var msg = document.createElement('pre');
      msg.className = 'bantin-error-message';
      msg.textContent = (e.label || e.severity) + ': ' + e.message +
        (e.hint ? '\n  ' + (words.hint || 'hint:') + ' ' + e.hint : '');
      msg.style.cssText = 'margin:.4em 0 0;white-space:pre-wrap;font:14px/1.4 ui-monospace,monospace';
      box.appendChild(where);
      box.appendChild(msg);
      overlay.appendChild(box);
    });
    (document.body || document.documentElement).appendChild(overlay);
  }

  restoreScroll();
  var source = new EventSource('/__bantin/events');
  window.__bantinLive = 'connecting';
  source.onopen = function () { window.__bantinLive = 'open'; };
  source.addEventListener('reload', function (ev) {
    var change = JSON.parse(ev.data);
    if (!change) return;
    hideErrors();
    var pages = change.pages || [];
    if (pages.indexOf('*') >= 0 || pages.indexOf(here()) >= 0 || (status === '404' && pages.length)) {
      reload();
    } else if (change.css && change.css.length) {
      swapStylesheets(change.css);
    }
  });
  source.addEventListener('build-error', function (ev) {
    if (!ev.data) return;
    var data = JSON.parse(ev.data);
    showErrors(data.errors || [], data.overlay);
  });
  source.addEventListener('fixed', function () {
    hideErrors();
    reload();
  });
})();
