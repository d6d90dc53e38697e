// bantin Soạn bài — the editor's script. The pages work without it (plain
// forms); with it: live preview, checks as you type, toolbar, saving in place.
// Vietnamese input methods (Telex, VNI) compose text in the fields: nothing
// here runs or writes into a field between compositionstart and compositionend.
(function () {
  'use strict';
  var BASE = '/__bantin/soan-bai/';
  document.documentElement.classList.add('js');
  var form = document.getElementById('article-form');
  if (!form) return;
  var words = JSON.parse(form.getAttribute('data-words') || '{}');
  function w(k) { return words[k] || k; }
  function $(id) { return document.getElementById(id); }
  var composing = false;
  document.addEventListener('compositionstart', function () { composing = true; }, true);
  document.addEventListener('compositionend', function (e) {
    composing = false;
    onInput(e);
  }, true);

  function debounce(fn, ms) {
    var t = null;
    return function () {
      var args = arguments;
      clearTimeout(t);
      t = setTimeout(function () { fn.apply(null, args); }, ms);
    };
  }

  function formBody() { return new URLSearchParams(new FormData(form)); }

  function post(path, body) {
    return fetch(BASE + path, {
      method: 'POST', body: body, credentials: 'same-origin',
      headers: { 'Accept': 'application/json' }
    });
  }

  // ---- preview and the build's problems beside their fields ----
  var previewSeq = 0;
  var frame = $('preview');
  function runPreview() {
    if (composing) return;
    var seq = ++previewSeq;
    post('xem-truoc', formBody()).then(function (r) { return r.json(); }).then(function (data) {
      if (seq !== previewSeq) return;
      // Errors keep the last good preview, as `bantin serve` does.
      if (data.html) frame.srcdoc = data.html;
      showProblems(data.problems || []);
      form.setAttribute('data-previewed', String(seq));
    }).catch(function () { /* the server stopped: keep the last preview */ });
  }
  var schedulePreview = debounce(runPreview, 250);

  function clearProblems() {
    var lists = form.querySelectorAll('.problems');
    for (var i = 0; i < lists.length; i++) lists[i].textContent = '';
  }
  function showProblems(problems) {
    clearProblems();
    problems.forEach(function (p) {
      var id = p.field ? 'p-f-' + p.field.replace('.', '-') : 'p-f-body';
      var box = $(id) || $('p-f-body');
      var item = document.createElement(box.tagName === 'UL' ? 'li' : 'span');
      item.className = p.severity;
      // Lines of the body; of the whole file when it is edited as plain text.
      var line = form.elements.raw ? p.line : p.body_line;
      var where = line ? w('line') + ' ' + line + ': ' : '';
      // The build's own text, after what it means in Vietnamese when that is known.
      item.textContent = p.label + ': ' + where + p.message +
        (p.hint ? ' — ' + p.hint : '') + (p.code ? ' [' + p.code + ']' : '');
      box.appendChild(item);
      var field = $('f-' + (p.field || 'body').replace('.', '-'));
      if (field && p.severity === 'error') field.setAttribute('aria-invalid', 'true');
    });
  }

  // ---- the dispatch number, checked by the build's own parser ----
  var number = $('f-dispatch-number');
  var numberOut = $('number-check');
  var checkNumber = debounce(function () {
    if (composing || !number) return;
    fetch(BASE + 'kiem-so?so=' + encodeURIComponent(number.value)).then(function (r) { return r.json(); }).then(function (d) {
      numberOut.textContent = '';
      numberOut.className = d.ok ? 'good' : 'bad';
      if (d.empty) return;
      if (d.ok) { numberOut.textContent = w('number_ok') + ' — ' + d.kind; return; }
      numberOut.appendChild(document.createTextNode(w('warning') + ': ' + d.message + '. '));
      if (d.suggestion) {
        numberOut.appendChild(document.createTextNode(w('suggest') + ' '));
        var b = document.createElement('button');
        b.type = 'button';
        b.id = 'use-suggestion';
        b.textContent = d.suggestion;
        b.setAttribute('aria-label', w('use') + ': ' + d.suggestion);
        b.addEventListener('click', function () { number.value = d.suggestion; checkNumber(); schedulePreview(); number.focus(); });
        numberOut.appendChild(b);
      }
    }).catch(function () {});
  }, 120);

  // ---- tags: existing terms offered, differently written ones pointed out ----
  var tags = $('f-tags');
  var suggest = $('tag-suggest');
  var note = $('tag-note');
  function lastTag() { var parts = tags.value.split(','); return parts[parts.length - 1].trim(); }
  var lookTags = debounce(function () {
    if (composing || !tags) return;
    var q = lastTag();
    suggest.textContent = '';
    note.textContent = '';
    if (!q) return;
    fetch(BASE + 'the?q=' + encodeURIComponent(q)).then(function (r) { return r.json(); }).then(function (d) {
      if (d.variants.length) note.textContent = w('tag_same') + ' ' + d.variants.join(', ');
      d.suggestions.forEach(function (s) {
        if (s === q) return;
        var li = document.createElement('li');
        var b = document.createElement('button');
        b.type = 'button';
        b.textContent = s;
        b.addEventListener('click', function () {
          var parts = tags.value.split(',');
          parts[parts.length - 1] = (parts.length > 1 ? ' ' : '') + s;
          tags.value = parts.join(',') + ', ';
          suggest.textContent = '';
          note.textContent = '';
          tags.focus();
          schedulePreview();
        });
        li.appendChild(b);
        suggest.appendChild(li);
      });
    }).catch(function () {});
  }, 150);

  // ---- slug: from the title for a new article, until edited by hand ----
  var slug = $('f-slug');
  var title = $('f-title');
  var slugTouched = !!(slug && slug.value);
  var makeSlug = debounce(function () {
    if (composing || slugTouched || form.getAttribute('data-new') !== 'true') return;
    fetch(BASE + 'slug?t=' + encodeURIComponent(title.value)).then(function (r) { return r.json(); }).then(function (d) {
      if (!slugTouched) slug.placeholder = d.slug;
    }).catch(function () {});
  }, 150);

  function onInput(e) {
    if (composing) return;
    var t = e && e.target;
    if (t === number) checkNumber();
    if (t === tags) lookTags();
    if (t === title) makeSlug();
    if (t === slug) slugTouched = slug.value !== '';
    if (t && t.id === 'f-summary') $('summary-len').textContent = t.value.length + ' ' + w('chars');
    schedulePreview();
  }
  form.addEventListener('input', onInput);
  form.addEventListener('change', function (e) { if (e.target.type === 'checkbox' || e.target.tagName === 'SELECT') schedulePreview(); });

  // ---- the Markdown toolbar and its shortcuts ----
  var body = $('f-body');
  var MD = {
    bold: function (s) { return '**' + (s || w('sample_bold')) + '**'; },
    italic: function (s) { return '_' + (s || w('sample_italic')) + '_'; },
    heading: function (s) { return '\n## ' + (s || w('sample_heading')) + '\n'; },
    list: function (s) { return (s || w('sample_item')).split('\n').map(function (l) { return '- ' + l; }).join('\n'); },
    quote: function (s) { return (s || w('sample_quote')).split('\n').map(function (l) { return '> ' + l; }).join('\n'); },
    link: function (s) { return '[' + (s || w('sample_link')) + '](https://)'; },
    table: function () { return '\n| ' + w('sample_column') + ' 1 | ' + w('sample_column') + ' 2 |\n| --- | --- |\n| … | … |\n'; }
  };
  function apply(kind) {
    if (composing || !MD[kind]) return;
    var s = body.value.slice(body.selectionStart, body.selectionEnd);
    body.focus();
    body.setRangeText(MD[kind](s), body.selectionStart, body.selectionEnd, 'end');
    body.dispatchEvent(new Event('input', { bubbles: true }));
  }
  var tools = form.querySelectorAll('[data-md]');
  for (var i = 0; i < tools.length; i++) {
    tools[i].addEventListener('click', function (e) { apply(e.currentTarget.getAttribute('data-md')); });
  }
  var KEYS = { b: 'bold', i: 'italic', k: 'link', h: 'heading' };
  body.addEventListener('keydown', function (e) {
    if (e.isComposing || composing || !(e.ctrlKey || e.metaKey)) return;
    var kind = KEYS[e.key.toLowerCase()];
    if (kind) { e.preventDefault(); apply(kind); }
  });

  // ---- saving in place; a conflict shows both versions ----
  var status = $('save-status');
  var conflict = $('conflict');
  function showConflict(d) {
    conflict.hidden = false;
    conflict.textContent = '';
    var p = document.createElement('p');
    p.textContent = d.error;
    conflict.appendChild(p);
    var cols = document.createElement('div');
    cols.className = 'cols2';
    [[w('yours'), d.mine, 'mine'], [w('disk'), d.disk, 'disk']].forEach(function (v) {
      var sec = document.createElement('section');
      var h = document.createElement('h2');
      h.textContent = v[0];
      var pre = document.createElement('pre');
      pre.id = v[2];
      pre.textContent = v[1];
      sec.appendChild(h);
      sec.appendChild(pre);
      cols.appendChild(sec);
    });
    conflict.appendChild(cols);
    conflict.setAttribute('tabindex', '-1');
    conflict.focus();
  }
  function save() {
    status.textContent = '…';
    post('luu', formBody()).then(function (r) { return r.json().then(function (d) { return [r.status, d]; }); }).then(function (res) {
      var d = res[1];
      if (d.ok) {
        conflict.hidden = true;
        form.elements.base.value = d.base;
        if (!form.elements.rel.value) {
          form.elements.rel.value = d.rel;
          form.setAttribute('data-new', 'false');
          var sec = $('f-section');
          if (sec) sec.disabled = true;
          history.replaceState(null, '', d.edit);
        }
        status.textContent = d.message;
        showProblems(d.problems || []);
      } else if (d.conflict) {
        status.textContent = d.error;
        showConflict(d);
      } else {
        status.textContent = d.error || String(res[0]);
        showProblems(d.problems || []);
      }
    }).catch(function (e) { status.textContent = String(e); });
  }
  form.addEventListener('submit', function (e) { e.preventDefault(); save(); });
  document.addEventListener('keydown', function (e) {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's' && !composing) { e.preventDefault(); save(); }
  });

  if (number && number.value) checkNumber();
  runPreview();
})();
