// Every storefront page: the cart badges, the toast, search suggestions and the category
// page's index. Pages are cached and shared by every shopper, so the cart count is asked for
// (GET /cart/count), never rendered; the last count seen is kept for this tab so the next
// page shows it at once, and the answer corrects it.
(function () {
  "use strict";
  var KEY = "mercato.cart";
  var toastBox = document.querySelector("[data-testid=toast]");
  var timer = 0;

  function badges(n, bump) {
    document.querySelectorAll("[data-cart-count]").forEach(function (b) {
      b.textContent = n > 99 ? "99+" : String(n);
      b.hidden = !(n > 0);
      if (bump) {
        b.classList.remove("bump");
        void b.offsetWidth; // restart the animation
        b.classList.add("bump");
      }
    });
  }
  function cartCount(n, bump) {
    n = Math.max(0, Number(n) || 0);
    try { sessionStorage.setItem(KEY, String(n)); } catch (e) { /* private mode */ }
    badges(n, bump);
  }
  function toast(text, ok) {
    if (!toastBox || !text) return;
    clearTimeout(timer);
    toastBox.textContent = text;
    toastBox.className = "toast show" + (ok ? " ok" : "");
    timer = setTimeout(function () {
      toastBox.className = "toast";
      timer = setTimeout(function () { toastBox.textContent = ""; }, 200);
    }, ok ? 1800 : 2800);
  }
  window.mercato = {
    toast: toast,
    cartCount: cartCount,
    offline: toastBox ? toastBox.getAttribute("data-offline") : "",
    added: toastBox ? toastBox.getAttribute("data-added") : ""
  };

  try {
    var kept = sessionStorage.getItem(KEY);
    if (kept !== null) badges(Number(kept) || 0, false);
  } catch (e) { /* no storage: wait for the answer */ }
  function refresh() {
    if (!window.fetch) return;
    fetch("/cart/count", {headers: {Accept: "application/json"}, cache: "no-store"})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (d) { if (d && typeof d.count === "number") cartCount(d.count, false); })
      .catch(function () { /* offline: keep what is shown */ });
  }
  refresh();
  // A page brought back from the back-forward cache may show a count changed since.
  window.addEventListener("pageshow", function (e) { if (e.persisted) refresh(); });
})();

// Search suggestions: the header's search box becomes an ARIA 1.2 combobox. Typing asks
// /api/v1/search/suggestions (debounced; answers kept per text; a stale answer is dropped);
// arrows move through the list, Enter opens the marked one, Esc closes. Without a marked
// suggestion Enter searches as the plain form does, which is also all there is without JS.
(function () {
  "use strict";
  var form = document.querySelector("[data-testid=search-form]");
  var input = form && form.elements.q;
  var list = form && form.querySelector("[role=listbox]");
  if (!input || !list || !window.fetch) return;
  var status = form.querySelector("[data-suggest-status]");
  var lang = document.documentElement.lang === "en" ? "en" : "zh_CN";
  var items = [], active = -1, wait = 0, seen = {}, pending = null;

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("aria-expanded", "false");

  function open(on) {
    list.hidden = !on;
    // On phones the list spans the screen under the (sticky) header.
    if (on && getComputedStyle(list).position === "fixed") {
      list.style.top = form.closest("header").getBoundingClientRect().bottom + "px";
    }
    input.setAttribute("aria-expanded", on ? "true" : "false");
    if (!on) mark(-1);
  }
  function mark(i) {
    active = i;
    Array.prototype.forEach.call(list.children, function (li, j) {
      li.setAttribute("aria-selected", j === i ? "true" : "false");
    });
    if (i < 0) { input.removeAttribute("aria-activedescendant"); return; }
    input.setAttribute("aria-activedescendant", list.children[i].id);
    list.children[i].scrollIntoView({block: "nearest"});
  }
  function option(it, i) {
    var li = document.createElement("li");
    li.id = "sg-" + i;
    li.setAttribute("role", "option");
    li.setAttribute("aria-selected", "false");
    li.setAttribute("data-testid", "search-suggestion");
    li.setAttribute("data-kind", it.kind);
    li.innerHTML = '<svg class="ic" aria-hidden="true"><use href="#i-search"/></svg><span></span>';
    li.lastChild.textContent = it.text;
    if (it.kind === "product") {
      var tag = document.createElement("small");
      tag.textContent = form.getAttribute("data-suggest-product");
      li.appendChild(tag);
    }
    return li;
  }
  function show(text, found) {
    if (text !== input.value.trim() || document.activeElement !== input) return;
    items = found;
    list.textContent = "";
    found.forEach(function (it, i) { list.appendChild(option(it, i)); });
    open(found.length > 0);
    status.textContent = found.length ?
      form.getAttribute("data-suggest-count").replace("{n}", found.length) : "";
  }
  function ask() {
    var text = input.value.trim();
    if (!text) { items = []; open(false); return; }
    if (seen[text]) { show(text, seen[text]); return; }
    if (pending) pending.abort();
    pending = window.AbortController ? new AbortController() : null;
    var url = "/api/v1/search/suggestions?lang=" + lang + "&q=" + encodeURIComponent(text.slice(0, 50));
    fetch(url, {headers: {Accept: "application/json"}, signal: pending && pending.signal})
      .then(function (r) { return r.ok ? r.json() : {items: []}; })
      .then(function (d) { seen[text] = d.items || []; show(text, seen[text]); })
      .catch(function () { /* aborted or offline: the plain search still works */ });
  }
  function go(i) {
    var it = items[i];
    if (!it) return;
    open(false);
    input.value = it.text;
    location.href = it.kind === "product" && it.slug ?
      "/p/" + encodeURIComponent(it.slug) : "/search?q=" + encodeURIComponent(it.text);
  }
  function step(by) {
    if (list.hidden) { if (items.length) open(true); else ask(); return; }
    var n = items.length, next = active + by; // -1 is the text box itself
    mark(next < -1 ? n - 1 : next >= n ? -1 : next);
  }

  input.addEventListener("input", function (e) {
    if (e.isComposing) return; // pinyin still being typed: ask at compositionend
    clearTimeout(wait);
    wait = setTimeout(ask, 150);
  });
  input.addEventListener("keydown", function (e) {
    if (e.isComposing || e.keyCode === 229) return; // an IME is still composing
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      step(e.key === "ArrowDown" ? 1 : -1);
    } else if (e.key === "Enter" && !list.hidden && active >= 0) {
      e.preventDefault();
      go(active);
    } else if (e.key === "Escape" && !list.hidden) {
      e.preventDefault(); // keep the text: a second Esc clears it, as search boxes do
      open(false);
    }
  });
  input.addEventListener("compositionend", function () { clearTimeout(wait); wait = setTimeout(ask, 150); });
  input.addEventListener("focus", function () { if (items.length && input.value.trim()) open(true); });
  input.addEventListener("blur", function () { open(false); });
  // Pressing an option must not take the focus from the box (which would close the list).
  list.addEventListener("mousedown", function (e) { e.preventDefault(); });
  list.addEventListener("click", function (e) {
    var li = e.target.closest("[role=option]");
    if (li) go(Array.prototype.indexOf.call(list.children, li));
  });
})();

// Category page: the left column follows the section in view; its links (plain anchors
// without JS) scroll the right column's section under the header.
(function () {
  "use strict";
  var index = document.querySelector("[data-testid=category-index]");
  if (!index) return;
  var links = index.querySelectorAll("a");
  var sections = document.querySelectorAll("[data-testid=category-section]");
  var header = document.querySelector(".site-header");
  var still = window.matchMedia && matchMedia("(prefers-reduced-motion: reduce)").matches;
  var queued = false;
  function mark(i) {
    links.forEach(function (a, j) {
      if (j === i) a.setAttribute("aria-current", "true"); else a.removeAttribute("aria-current");
    });
    var a = links[i], top = a.offsetTop - index.offsetTop;
    if (top < index.scrollTop || top + a.offsetHeight > index.scrollTop + index.clientHeight) {
      index.scrollTop = top - index.clientHeight / 2;
    }
  }
  function inView() {
    var line = (header ? header.getBoundingClientRect().bottom : 0) + 24, at = 0;
    sections.forEach(function (s, i) { if (s.getBoundingClientRect().top <= line) at = i; });
    return at;
  }
  links.forEach(function (a, i) {
    a.addEventListener("click", function (e) {
      e.preventDefault();
      sections[i].scrollIntoView({behavior: still ? "auto" : "smooth", block: "start"});
      if (history.replaceState) history.replaceState(null, "", a.getAttribute("href"));
      mark(i);
    });
  });
  window.addEventListener("scroll", function () {
    if (queued) return;
    queued = true;
    requestAnimationFrame(function () { queued = false; mark(inView()); });
  }, {passive: true});
  if (location.hash) mark(inView());
})();
