// The address form: a province / city / district picker (a bottom sheet on phones, a dialog
// on wider screens) over the form's three text fields, and paste recognition (the server
// reads the pasted line and the fields are filled in). The data set is fetched the first
// time the picker opens. Without JavaScript the fields stay plain text fields.
(function () {
  "use strict";
  var regions = null, loading = null, sheet = null, state = null;

  function load(url) {
    if (!loading) {
      loading = fetch(url, { credentials: "same-origin" })
        .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
        .then(function (d) { regions = d.regions; })
        .catch(function (e) { loading = null; throw e; });
    }
    return loading;
  }

  function el(tag, attrs, text) {
    var n = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { n.setAttribute(k, attrs[k]); });
    if (text != null) n.textContent = text;
    return n;
  }

  function field(form, name) { return form.elements[name]; }

  function label(box) {
    var form = box.closest("form"), btn = box.querySelector(".region-btn");
    var p = field(form, "province").value, c = field(form, "city").value, d = field(form, "district").value;
    var parts = [p, c === p ? "" : c, d].filter(Boolean);
    btn.textContent = "";
    if (parts.length) btn.textContent = parts.join(" ");
    else btn.appendChild(el("span", { class: "region-ph" }, box.dataset.placeholder));
  }

  function options(level) {
    if (level === 0) return regions.map(function (p) { return p[0]; });
    var p = regions.find(function (x) { return x[0] === state.chosen[0]; });
    if (!p) return [];
    if (level === 1) return p[1].map(function (c) { return c[0]; });
    var c = p[1].find(function (x) { return x[0] === state.chosen[1]; });
    return c ? c[1] : [];
  }

  function render() {
    var box = state.box, tabs = sheet.querySelector(".tabs"), list = sheet.querySelector("ul");
    tabs.textContent = "";
    for (var i = 0; i <= state.level; i++) {
      var t = el("button", { type: "button", role: "tab", "data-level": String(i),
        "aria-selected": String(i === state.level), "data-testid": "region-tab" },
        i < state.level || state.chosen[i] ? state.chosen[i] : box.dataset.choose);
      tabs.appendChild(t);
    }
    list.textContent = "";
    if (!regions) { list.appendChild(el("li", { class: "loading" }, box.dataset.loading)); return; }
    options(state.level).forEach(function (name) {
      var li = el("li"), b = el("button", { type: "button", "data-testid": "region-option",
        "aria-current": String(name === state.chosen[state.level]) }, name);
      b.dataset.name = name;
      li.appendChild(b);
      list.appendChild(li);
    });
    var first = list.querySelector("[aria-current=true]") || list.querySelector("button");
    if (first) { first.focus(); first.scrollIntoView({ block: "nearest" }); }
  }

  function choose(name) {
    state.chosen[state.level] = name;
    state.chosen.length = state.level + 1;
    if (state.level === 2) return commit();
    state.level += 1;
    var next = options(state.level);
    if (next.length === 1) return choose(next[0]);  // 北京市 → 北京市: nothing to choose
    render();
  }

  function commit() {
    var form = state.box.closest("form");
    ["province", "city", "district"].forEach(function (n, i) { field(form, n).value = state.chosen[i] || ""; });
    state.box.removeAttribute("aria-invalid");
    label(state.box);
    close();
  }

  function close() {
    if (!sheet || sheet.hidden) return;
    sheet.hidden = true;
    document.body.style.overflow = "";
    var btn = state && state.box.querySelector(".region-btn");
    if (btn) btn.focus();
  }

  function build(box) {
    sheet = el("div", { class: "picker", role: "dialog", "aria-modal": "true", "aria-labelledby": "picker-title", "data-testid": "region-picker" });
    sheet.hidden = true;
    var inner = el("div", { class: "sheet" }), head = el("header");
    head.appendChild(el("span", { id: "picker-title" }, box.dataset.title));
    head.appendChild(el("button", { type: "button", "aria-label": box.dataset.close, "data-close": "" }, "×"));
    inner.appendChild(head);
    inner.appendChild(el("div", { class: "tabs", role: "tablist" }));
    inner.appendChild(el("ul", { role: "list" }));
    sheet.appendChild(inner);
    document.body.appendChild(sheet);
    sheet.addEventListener("click", function (e) {
      var b = e.target.closest("button");
      if (e.target === sheet || (b && b.hasAttribute("data-close"))) return close();
      if (b && b.dataset.level) { state.level = +b.dataset.level; return render(); }
      if (b && b.dataset.name) choose(b.dataset.name);
    });
    document.addEventListener("keydown", function (e) { if (e.key === "Escape") close(); });
  }

  function open(box) {
    if (!sheet) build(box);
    var form = box.closest("form");
    var chosen = ["province", "city", "district"].map(function (n) { return field(form, n).value; });
    var level = chosen[0] ? (chosen[1] ? 2 : 1) : 0;
    state = { box: box, chosen: chosen, level: level };
    sheet.hidden = false;
    document.body.style.overflow = "hidden";
    render();
    load(box.dataset.regions).then(function () {
      if (!options(state.level).length) { state.level = 0; state.chosen = []; }
      render();
    }, function () { sheet.querySelector("ul").firstChild.textContent = box.dataset.close; });
  }

  function recognise(form) {
    var box = form.querySelector("[data-testid=paste-box]"), said = form.querySelector("[data-testid=paste-result]");
    var button = form.querySelector("[data-testid=paste-recognise]");
    if (!box.value.trim()) return;
    var body = new URLSearchParams({ paste: box.value });
    fetch(form.dataset.parse, { method: "POST", body: body, credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRF-Token": form.elements.csrf.value } })
      .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
      .then(function (found) {
        var filled = Object.keys(found).filter(function (k) {
          var f = field(form, k);
          if (found[k] && f) { f.value = found[k]; f.removeAttribute("aria-invalid"); }
          return found[k] && f;
        });
        form.querySelectorAll(".region").forEach(label);
        said.hidden = false;
        said.classList.toggle("bad", !filled.length);
        said.textContent = filled.length ? button.dataset.recognised : button.dataset.nothing;
      })
      .catch(function () { said.hidden = false; said.classList.add("bad"); said.textContent = button.dataset.nothing; });
  }

  document.querySelectorAll(".addr-form").forEach(function (form) {
    form.querySelectorAll(".region").forEach(function (box) {
      box.classList.add("ready");
      label(box);
      box.querySelector(".region-btn").addEventListener("click", function () { open(box); });
    });
    var paste = form.querySelector("[data-testid=paste-recognise]");
    if (paste) paste.addEventListener("click", function (e) { e.preventDefault(); recognise(form); });
    var text = form.querySelector("[data-testid=paste-box]");
    if (text) text.addEventListener("paste", function () { setTimeout(function () { recognise(form); }, 0); });
  });
})();
