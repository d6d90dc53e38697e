/* bantin site search: reads the index the build writes under search/ and
 * shows results on /tim-kiem/. No framework, no third-party requests.
 *
 * The Vietnamese rules are those of src/search/fold.rs: tokens are runs of
 * letters, digits and combining marks; a token's folded key is lowercase
 * without diacritics (đ → d); its exact key keeps vowel marks and writes the
 * tone as a digit at the end. The mark tables come from search/meta.json
 * (written by the Rust build); tests/browser/search_vectors.js checks these
 * functions against src/search/vectors.json, the vectors of the Rust tests.
 */
(function () {
  'use strict';

  var TOKEN = /[\p{Alphabetic}\p{N}\p{M}]+/gu;
  var MARK = /\p{M}/u;
  var PAGE = 10;

  /** The tokens of `text`, as strings. */
  function tokens(text) {
    return text.match(TOKEN) || [];
  }

  /** Tokens with their offsets in `text`: [{t, start, end}]. */
  function tokenSpans(text) {
    var out = [];
    var re = new RegExp(TOKEN.source, 'gu');
    var m;
    while ((m = re.exec(text)) !== null) {
      out.push({ t: m[0], start: m.index, end: m.index + m[0].length });
    }
    return out;
  }

  function isAscii(s) {
    return /^[\x00-\x7f]*$/.test(s);
  }

  /** Folded key: lowercase, no diacritics, letters mapped by rules.letters. */
  function fold(token, rules) {
    if (isAscii(token)) return token.toLowerCase();
    var out = '';
    for (var ch of token.toLowerCase().normalize('NFD')) {
      if (MARK.test(ch)) continue;
      out += Object.prototype.hasOwnProperty.call(rules.letters, ch) ? rules.letters[ch] : ch;
    }
    return out;
  }

  /** Exact key: lowercase NFC, the (first) tone mark moved to a digit at the end. */
  function exact(token, rules) {
    if (isAscii(token)) return token.toLowerCase();
    var tone = '';
    var base = '';
    for (var ch of token.toLowerCase().normalize('NFD')) {
      if (Object.prototype.hasOwnProperty.call(rules.tones, ch)) {
        if (!tone) tone = rules.tones[ch];
      } else {
        base += ch;
      }
    }
    return base.normalize('NFC') + tone;
  }

  /** 32-bit FNV-1a of the UTF-8 bytes of `key`. */
  function hash(key) {
    var bytes = new TextEncoder().encode(key);
    var h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      h ^= bytes[i];
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }

  /** A query: terms (every token, all must match) and phrases (runs of
   * tokens that must be adjacent: a quoted phrase, or a word such as
   * `1141/UBND-KSTTHC` that splits into several tokens). */
  function parse(q, rules) {
    var terms = [];
    var seen = {};
    var phrases = [];
    var parts = q.normalize('NFC').split('"');
    parts.forEach(function (part, i) {
      var quoted = i % 2 === 1;
      var groups = quoted ? [part] : part.split(/\s+/);
      groups.forEach(function (g) {
        var toks = tokens(g);
        if (toks.length === 0) return;
        var folded = toks.map(function (t) { return fold(t, rules); });
        if (toks.length > 1) phrases.push(folded);
        toks.forEach(function (t, j) {
          var e = exact(t, rules);
          var key = folded[j] + '\u0000' + e;
          if (seen[key]) return;
          seen[key] = true;
          terms.push({ f: folded[j], e: e, marked: e !== folded[j] });
        });
      });
    });
    return { terms: terms, phrases: phrases };
  }

  /** Keys a query needs: its folded terms and the adjacent pairs of its phrases. */
  function keysOf(query) {
    var keys = query.terms.map(function (t) { return t.f; });
    query.phrases.forEach(function (p) {
      for (var i = 0; i + 1 < p.length; i++) keys.push(p[i] + ' ' + p[i + 1]);
    });
    return keys;
  }

  /** Ranks documents for `query` given the loaded shards (key → entry).
   * Returns [{doc, exact, score}] best first: more exact-diacritic term
   * matches first, then score, then newer (lower document number); with
   * `newest`, newest first. `filter(doc)` keeps a document. */
  function rank(query, meta, lookup, filter, newest) {
    var n = meta.count;
    var nTerms = query.terms.length;
    if (nTerms === 0) return [];
    var matched = new Uint16Array(n);
    var exactN = new Uint16Array(n);
    var score = new Float64Array(n);
    var best = new Int32Array(n);
    var bestExact = new Uint8Array(n);
    var stamp = new Int32Array(n);
    for (var ti = 0; ti < nTerms; ti++) {
      var term = query.terms[ti];
      var entry = lookup(term.f);
      if (!entry || Array.isArray(entry)) return [];
      var touched = [];
      for (var form in entry) {
        var isExact = term.marked && form === term.e ? 1 : 0;
        var list = entry[form];
        var doc = 0;
        for (var k = 0; k < list.length; k += 2) {
          doc += list[k];
          var s = list[k + 1];
          if (stamp[doc] !== ti + 1) {
            stamp[doc] = ti + 1;
            best[doc] = s;
            bestExact[doc] = isExact;
            touched.push(doc);
          } else {
            if (s > best[doc]) best[doc] = s;
            if (isExact) bestExact[doc] = 1;
          }
        }
      }
      for (var x = 0; x < touched.length; x++) {
        var d = touched[x];
        matched[d]++;
        score[d] += best[d];
        exactN[d] += bestExact[d];
      }
    }
    var required = nTerms;
    var pairs = 0;
    query.phrases.forEach(function (p) {
      for (var i = 0; i + 1 < p.length; i++) {
        var list = lookup(p[i] + ' ' + p[i + 1]);
        pairs++;
        if (!Array.isArray(list)) return;
        var doc = 0;
        for (var k = 0; k < list.length; k++) {
          doc += list[k];
          if (matched[doc] === required + pairs - 1) matched[doc]++;
        }
      }
    });
    required += pairs;
    var out = [];
    for (var d2 = 0; d2 < n; d2++) {
      if (matched[d2] === required && (!filter || filter(d2))) {
        out.push({ doc: d2, exact: exactN[d2], score: score[d2] });
      }
    }
    out.sort(newest
      ? function (a, b) { return a.doc - b.doc; }
      : function (a, b) { return b.exact - a.exact || b.score - a.score || a.doc - b.doc; });
    return out;
  }

  /** Ranges of `text` to highlight: tokens whose folded key is a query term. */
  function matchRanges(text, query, rules) {
    var want = {};
    query.terms.forEach(function (t) { want[t.f] = true; });
    return tokenSpans(text).filter(function (s) { return want[fold(s.t, rules)]; });
  }

  /** The part of `text` around most query terms, about `words` tokens long:
   * {text, ranges} with ranges relative to the returned text. */
  function snippet(text, query, rules, words) {
    var spans = tokenSpans(text);
    if (spans.length === 0) return { text: '', ranges: [] };
    var want = {};
    query.terms.forEach(function (t) { want[t.f] = true; });
    var hit = spans.map(function (s) { return want[fold(s.t, rules)] ? fold(s.t, rules) : null; });
    var bestStart = -1;
    var bestCount = 0;
    for (var i = 0; i < spans.length; i++) {
      if (!hit[i]) continue;
      var distinct = {};
      var count = 0;
      for (var j = i; j < Math.min(spans.length, i + words); j++) {
        if (hit[j] && !distinct[hit[j]]) { distinct[hit[j]] = true; count++; }
      }
      if (count > bestCount) { bestCount = count; bestStart = i; }
      if (count === query.terms.length) break;
    }
    if (bestStart < 0) return null;
    var from = Math.max(0, bestStart - 6);
    var to = Math.min(spans.length - 1, from + words - 1);
    var start = spans[from].start;
    var end = spans[to].end;
    var piece = text.slice(start, end);
    var ranges = [];
    for (var k = from; k <= to; k++) {
      if (hit[k]) ranges.push({ start: spans[k].start - start, end: spans[k].end - start });
    }
    return {
      text: piece,
      ranges: ranges,
      before: from > 0,
      after: to < spans.length - 1
    };
  }

  /** Append `text` to `el` with `ranges` wrapped in <mark>, as text nodes. */
  function appendMarked(el, text, ranges) {
    var at = 0;
    ranges.forEach(function (r) {
      if (r.start > at) el.appendChild(document.createTextNode(text.slice(at, r.start)));
      var m = document.createElement('mark');
      m.textContent = text.slice(r.start, r.end);
      el.appendChild(m);
      at = r.end;
    });
    if (at < text.length) el.appendChild(document.createTextNode(text.slice(at)));
  }

  var api = {
    tokens: tokens,
    fold: fold,
    exact: exact,
    hash: hash,
    parse: parse,
    keysOf: keysOf,
    rank: rank,
    snippet: snippet,
    matchRanges: matchRanges
  };
  if (typeof module !== 'undefined' && module.exports) {
    module.exports = api;
  }
  if (typeof document === 'undefined') return;

  // ---------- The page ----------

  var form = document.getElementById('search-form');
  if (!form) return;
  var base = form.getAttribute('data-index');
  var input = document.getElementById('search-q');
  var selSection = document.getElementById('search-section');
  var selCategory = document.getElementById('search-category');
  var selYear = document.getElementById('search-year');
  var chkNewest = document.getElementById('search-newest');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var moreWrap = document.getElementById('search-more-wrap');
  var moreButton = document.getElementById('search-more');
  var text = function (key) { return form.getAttribute('data-' + key) || ''; };

  var metaPromise = null;
  var shardPromises = {};
  var docPromises = {};
  var state = { results: [], shown: 0, query: null, meta: null, run: 0 };

  function getJSON(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error(url + ': HTTP ' + r.status);
      return r.json();
    });
  }

  function loadMeta() {
    if (!metaPromise) metaPromise = getJSON(base + 'meta.json');
    return metaPromise;
  }

  function loadShard(meta, n) {
    if (!shardPromises[n]) shardPromises[n] = getJSON(base + 't/' + n + '.json?v=' + meta.version);
    return shardPromises[n];
  }

  // Documents come a few to a file: document id is item id % n of file id / n.
  function loadDoc(meta, id) {
    var n = meta.docs_per_file;
    var file = Math.floor(id / n);
    if (!docPromises[file]) docPromises[file] = getJSON(base + 'doc/' + file + '.json?v=' + meta.version);
    return docPromises[file].then(function (docs) { return docs[id % n]; });
  }

  function fillYears(meta, wanted) {
    if (selYear.options.length > 1) return;
    meta.years.forEach(function (y) {
      var o = document.createElement('option');
      o.value = String(y[0]);
      o.textContent = String(y[0]);
      selYear.appendChild(o);
    });
    if (wanted) selYear.value = wanted;
  }

  function filterFor(meta) {
    var sec = -1;
    var cat = -1;
    var range = null;
    if (selSection.value) {
      sec = meta.sections.findIndex(function (s) { return s.name === selSection.value; }) + 1;
    }
    if (selCategory.value) {
      cat = meta.categories.findIndex(function (c) { return c.slug === selCategory.value; }) + 1;
    }
    if (selYear.value) {
      range = meta.years.find(function (y) { return String(y[0]) === selYear.value; }) || [0, 0, 0];
    }
    if (sec < 0 && cat < 0 && !range) return null;
    return function (doc) {
      return (sec < 0 || meta.sec[doc] === sec) &&
        (cat < 0 || meta.cat[doc] === cat) &&
        (!range || (doc >= range[1] && doc < range[2]));
    };
  }

  function syncUrl() {
    var p = new URLSearchParams();
    if (input.value.trim()) p.set('q', input.value.trim());
    if (selSection.value) p.set('section', selSection.value);
    if (selCategory.value) p.set('category', selCategory.value);
    if (selYear.value) p.set('year', selYear.value);
    if (chkNewest.checked) p.set('sort', 'date');
    var qs = p.toString();
    history.replaceState(null, '', location.pathname + (qs ? '?' + qs : ''));
  }

  function search() {
    var run = ++state.run;
    var started = performance.now();
    var q = input.value.trim();
    syncUrl();
    if (!q) {
      list.textContent = '';
      status.textContent = '';
      moreWrap.hidden = true;
      return Promise.resolve();
    }
    status.textContent = text('loading');
    return loadMeta().then(function (meta) {
      state.meta = meta;
      fillYears(meta);
      var query = parse(q, meta.rules);
      var keys = keysOf(query);
      var shards = {};
      keys.forEach(function (k) { shards[hash(k) % meta.shards] = true; });
      var wanted = Object.keys(shards);
      return Promise.all(wanted.map(function (n) { return loadShard(meta, n); })).then(function (loaded) {
        var byShard = {};
        wanted.forEach(function (n, i) { byShard[n] = loaded[i]; });
        var lookup = function (key) {
          var shard = byShard[hash(key) % meta.shards];
          return shard && Object.prototype.hasOwnProperty.call(shard, key) ? shard[key] : null;
        };
        var ranking = performance.now();
        var results = rank(query, meta, lookup, filterFor(meta), chkNewest.checked);
        form.setAttribute('data-rank-ms', (performance.now() - ranking).toFixed(1));
        if (run !== state.run) return null;
        state.results = results;
        state.query = query;
        state.shown = 0;
        list.textContent = '';
        return showMore(meta).then(function () {
          if (run !== state.run) return;
          var ms = performance.now() - started;
          form.setAttribute('data-ms', ms.toFixed(1));
          status.textContent = results.length
            ? results.length.toLocaleString('vi-VN') + ' ' + text('results')
            : text('none');
          form.setAttribute('data-done', String(run));
        });
      });
    }).catch(function (e) {
      status.textContent = text('error');
      form.setAttribute('data-error-detail', String(e));
    });
  }

  function showMore(meta) {
    var run = state.run;
    var page = state.results.slice(state.shown, state.shown + PAGE);
    state.shown += page.length;
    moreWrap.hidden = state.shown >= state.results.length;
    return Promise.all(page.map(function (r) { return loadDoc(meta, r.doc); })).then(function (docs) {
      if (run !== state.run) return;
      docs.forEach(function (d, i) { list.appendChild(resultItem(d, page[i].doc, meta)); });
    });
  }

  function resultItem(d, id, meta) {
    var rules = meta.rules;
    var query = state.query;
    var li = document.createElement('li');
    li.className = 'search-result';
    li.setAttribute('data-doc', String(id));
    var h = document.createElement('h2');
    h.className = 'search-result__title';
    var a = document.createElement('a');
    a.href = d.u;
    appendMarked(a, d.t, matchRanges(d.t, query, rules));
    h.appendChild(a);
    li.appendChild(h);
    var metaLine = [d.d, d.s, d.c].filter(Boolean).join(' · ');
    if (metaLine) {
      var p = document.createElement('p');
      p.className = 'search-result__meta muted';
      p.textContent = metaLine;
      li.appendChild(p);
    }
    var snip = snippet(d.x, query, rules, 32) || snippet(d.m, query, rules, 32);
    var sp = document.createElement('p');
    sp.className = 'search-result__snippet';
    if (snip) {
      appendMarked(sp, (snip.before ? '… ' : '') + snip.text + (snip.after ? ' …' : ''),
        snip.ranges.map(function (r) {
          var shift = snip.before ? 2 : 0;
          return { start: r.start + shift, end: r.end + shift };
        }));
    } else {
      sp.textContent = d.m;
    }
    li.appendChild(sp);
    return li;
  }

  var timer = null;
  function later() {
    clearTimeout(timer);
    timer = setTimeout(search, 150);
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    clearTimeout(timer);
    search();
  });
  input.addEventListener('input', later);
  [selSection, selCategory, selYear, chkNewest].forEach(function (el) {
    el.addEventListener('change', function () { clearTimeout(timer); search(); });
  });
  moreButton.addEventListener('click', function () { showMore(state.meta); });

  var params = new URLSearchParams(location.search);
  input.value = params.get('q') || '';
  selSection.value = params.get('section') || '';
  selCategory.value = params.get('category') || '';
  chkNewest.checked = params.get('sort') === 'date';
  var wantedYear = params.get('year') || '';
  if (input.value || wantedYear) {
    loadMeta().then(function (meta) { fillYears(meta, wantedYear); search(); });
  } else {
    loadMeta().then(function (meta) { fillYears(meta); }).catch(function () {});
  }
})();
