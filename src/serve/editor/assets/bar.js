// bantin Soạn bài — the small bar on preview pages (added by `bantin serve`
// only, never to the built site): a link to the editor, and "Sửa bài này"
// on an article page.
(function () {
  'use strict';
  var me = document.currentScript;
  if (!me) return;
  var bar = document.createElement('nav');
  bar.setAttribute('aria-label', me.getAttribute('data-home'));
  bar.id = 'bantin-editor-bar';
  bar.style.cssText = 'position:fixed;right:.5rem;bottom:.5rem;z-index:2147483000;display:flex;gap:.4rem;' +
    'font:600 14px/1.2 system-ui,sans-serif;';
  function link(href, text) {
    var a = document.createElement('a');
    a.href = href;
    a.textContent = text;
    a.style.cssText = 'background:#0b3d73;color:#fff;padding:.45rem .7rem;border-radius:4px;text-decoration:none;' +
      'box-shadow:0 1px 4px rgba(0,0,0,.3);';
    bar.appendChild(a);
    return a;
  }
  var edit = me.getAttribute('data-edit');
  if (edit) link(edit, me.getAttribute('data-label')).id = 'bantin-edit-this';
  link('/__bantin/soan-bai/', me.getAttribute('data-home'));
  document.body.appendChild(bar);
})();
