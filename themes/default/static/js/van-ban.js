// Documents registry: combine filters and search the whole registry without
// reloading. The page works without this script (filter links are generated
// pages); with it, the form above the table filters every record from
// index.json and rewrites the table body in place. No dependencies.
(function () {
  "use strict";
  var form = document.getElementById("registry-search");
  var table = document.getElementById("registry-table");
  if (!form || !table || !window.fetch) return;
  var body = table.tBodies[0];
  var original = Array.prototype.slice.call(body.rows);
  var status = document.getElementById("registry-status");
  var pager = document.querySelector(".pagination");
  var groups = ["kind", "issuer", "year", "field"];
  var data = null;
  var pending = null;
  form.hidden = false;

  function fold(s) {
    return (s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[đĐ]/g, "d").toLowerCase();
  }

  function load() {
    if (!pending) {
      pending = fetch(form.getAttribute("data-json"))
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
        .then(function (d) { data = d.records; return data; });
    }
    return pending;
  }

  function cell(tag, child) {
    var c = document.createElement(tag);
    if (typeof child === "string") c.textContent = child;
    else if (child) c.appendChild(child);
    return c;
  }

  function row(r) {
    var tr = document.createElement("tr");
    var a = document.createElement("a");
    a.href = r.url;
    a.textContent = r.number;
    var th = cell("th", a);
    th.scope = "row";
    tr.appendChild(th);
    var time = null;
    if (r.issued) {
      time = document.createElement("time");
      time.dateTime = r.issued;
      var p = r.issued.split("-");
      time.textContent = p[2] + "/" + p[1] + "/" + p[0];
    }
    tr.appendChild(cell("td", time));
    tr.appendChild(cell("td", r.subject || ""));
    tr.appendChild(cell("td", r.issuer || ""));
    tr.appendChild(cell("td", r.kind || ""));
    var st = null;
    if (r.status) {
      st = document.createElement("span");
      st.className = "status status--" + r.status_slug;
      st.textContent = r.status;
    }
    tr.appendChild(cell("td", st));
    return tr;
  }

  function chosen() {
    var c = { q: fold(form.elements.q.value.trim()) };
    groups.forEach(function (g) { c[g] = form.elements[g] ? form.elements[g].value : ""; });
    return c;
  }

  function matches(r, c) {
    for (var i = 0; i < groups.length; i++) {
      var g = groups[i];
      if (c[g] && !(r.terms[g] && r.terms[g].slug === c[g])) return false;
    }
    if (!c.q) return true;
    return fold([r.number, r.subject, r.issuer, r.kind, r.field].join(" ")).indexOf(c.q) >= 0;
  }

  function show(rows, filtered) {
    while (body.firstChild) body.removeChild(body.firstChild);
    rows.forEach(function (tr) { body.appendChild(tr); });
    if (pager) pager.hidden = filtered;
  }

  function update() {
    var c = chosen();
    var initial = !c.q && groups.every(function (g) {
      var el = form.elements[g];
      return !el || el.value === (el.getAttribute("data-initial") || "");
    });
    if (initial) {
      show(original, false);
      status.textContent = "";
      return;
    }
    load().then(function (records) {
      var found = records.filter(function (r) { return matches(r, c); });
      show(found.map(row), true);
      status.textContent = found.length + " " + form.getAttribute("data-found");
    }).catch(function () {
      status.textContent = "";
    });
  }

  groups.forEach(function (g) {
    var el = form.elements[g];
    if (el) el.setAttribute("data-initial", el.value);
  });
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  form.addEventListener("submit", function (e) { e.preventDefault(); update(); });
  form.addEventListener("reset", function () {
    setTimeout(function () {
      groups.forEach(function (g) { if (form.elements[g]) form.elements[g].value = ""; });
      update();
    }, 0);
  });
})();
