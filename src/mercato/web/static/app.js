// Product page. Three parts: the variant picker, the gallery, and the buy form.
// Without JavaScript the picker's buttons submit ?sku=<id>, the thumbnails are anchors, and
// the buy form posts (the server answers with a page).
(function () {
"use strict";
var $ = function (id) { return document.querySelector("[data-testid=" + id + "]"); };

// Variant picker: reads the SKU JSON the server embedded and updates price, item code,
// availability and the buy buttons without a reload.
(function () {
  var data = document.getElementById("sku-data");
  var form = $("variant-form");
  if (!data || !form) return;
  var d = JSON.parse(data.textContent);
  var buttons = form.querySelectorAll("[data-testid=variant-button]");
  var soldOut = !d.skus.some(function (s) { return s.available > 0; });
  var sel = {};
  buttons.forEach(function (b) {
    if (b.getAttribute("aria-pressed") === "true") sel[b.dataset.axis] = b.dataset.value;
  });
  function matching(want) {
    return d.skus.filter(function (s) {
      return Object.keys(want).every(function (a) { return s.options[a] === want[a]; });
    });
  }
  function update(remember) {
    buttons.forEach(function (b) {
      var want = Object.assign({}, sel), on = sel[b.dataset.axis] === b.dataset.value;
      want[b.dataset.axis] = b.dataset.value;
      b.disabled = !on && !matching(want).some(function (s) { return s.available > 0; });
      b.setAttribute("aria-pressed", on ? "true" : "false");
    });
    var full = d.axes.every(function (a) { return a in sel; });
    var sku = full ? matching(sel)[0] : null;
    $("price").textContent = sku ? sku.price_text : d.range;
    $("sku-code").textContent = sku ? sku.code : "—";
    var avail = $("availability");
    avail.textContent = sku ? sku.stock_text : d.choose;
    avail.className = !sku ? "hint" : sku.available > 0 ? "ok" : "no";
    form.dataset.sku = sku ? sku.id : "";
    var eta = $("delivery-estimate"), from = $("ships-from"), by = sku || d;
    if (eta && by.delivery) { eta.textContent = by.delivery; from.textContent = by.ships_from; }
    var cart = $("add-to-cart-form");
    if (cart) {
      cart.elements.sku_id.value = sku ? sku.id : "";
      // With no choice yet the buttons stay live: pressing one asks for the choice (the
      // phone's buy bar is far from the picker, and a dead button says nothing).
      var blocked = sku ? !(sku.available > 0) : soldOut;
      ["add-to-cart", "buy-now"].forEach(function (id) { if ($(id)) $(id).disabled = blocked; });
    }
    if (remember && window.history.replaceState) {
      window.history.replaceState(null, "", sku ? "?sku=" + sku.id : location.pathname);
    }
  }
  form.addEventListener("click", function (e) {
    var b = e.target.closest("[data-testid=variant-button]");
    if (!b) return;
    e.preventDefault();
    if (sel[b.dataset.axis] === b.dataset.value) delete sel[b.dataset.axis];
    else sel[b.dataset.axis] = b.dataset.value;
    update(true);
  });
  update(false);
})();

// Deliver-to province: chosen from the select, sent at once (the button serves browsers
// without JavaScript), with the variant picked so far.
(function () {
  var f = $("province-form");
  if (!f) return;
  f.addEventListener("change", function () {
    var picker = $("variant-form"), sku = f.elements.sku;
    if (picker && picker.dataset.sku !== undefined) sku.value = picker.dataset.sku;
    sku.disabled = !sku.value;
    f.submit();
  });
})();

// Gallery: a scroll-snap strip (swiped on phones); the counter and the thumbnails follow it,
// and a thumbnail, pressed or pointed at, brings its picture in. Arrow keys step through.
(function () {
  var box = $("gallery");
  var strip = box && $("gallery-slides");
  if (!strip || !strip.scrollTo || strip.children.length < 2) return;
  var thumbs = box.querySelectorAll("[data-testid=gallery-thumb]");
  var count = box.querySelector("[data-testid=gallery-count] b");
  var still = window.matchMedia && matchMedia("(prefers-reduced-motion: reduce)").matches;
  var last = strip.children.length - 1, queued = false;
  function at() { return Math.min(Math.round(strip.scrollLeft / (strip.clientWidth || 1)), last); }
  function go(i, smooth) {
    var n = Math.max(0, Math.min(i, last));
    strip.scrollTo({left: n * strip.clientWidth, behavior: smooth && !still ? "smooth" : "auto"});
  }
  function mark() {
    var i = at();
    if (count) count.textContent = String(i + 1);
    thumbs.forEach(function (t, j) {
      if (j === i) t.setAttribute("aria-current", "true"); else t.removeAttribute("aria-current");
    });
  }
  thumbs.forEach(function (t, i) {
    t.addEventListener("click", function (e) { e.preventDefault(); go(i, true); });
    t.addEventListener("mouseenter", function () { go(i, false); });
  });
  strip.addEventListener("keydown", function (e) {
    if (e.key !== "ArrowLeft" && e.key !== "ArrowRight") return;
    e.preventDefault();
    go(at() + (e.key === "ArrowRight" ? 1 : -1), true);
  });
  strip.addEventListener("scroll", function () {
    if (queued) return;
    queued = true;
    requestAnimationFrame(function () { queued = false; mark(); });
  }, {passive: true});
})();

// Buy form: the stepper, and 加入购物车 answered in place (POST /cart/add asking for JSON:
// the cart's new count and a message, or the error's message, e.g. how many are left) with a
// toast and the badges updated. 立即购买 (formaction /cart/buy) stays a plain post to checkout.
(function () {
  var form = $("add-to-cart-form");
  if (!form || !window.fetch || !window.URLSearchParams) return;
  var shell = window.mercato || {toast: function () {}, cartCount: function () {}};
  var qty = form.elements.quantity;
  form.addEventListener("click", function (e) {
    var b = e.target.closest("[data-step]");
    if (!b) return;
    var n = (parseInt(qty.value, 10) || 1) + Number(b.getAttribute("data-step"));
    qty.value = String(Math.max(1, Math.min(n, Number(qty.max) || 99)));
  });
  function askForChoice() {
    var data = document.getElementById("sku-data");
    shell.toast(data ? JSON.parse(data.textContent).choose : "", false);
    var picker = $("variant-form");
    if (picker) picker.scrollIntoView({block: "center", behavior: "smooth"});
  }
  function answer(r) {
    if ((r.headers.get("content-type") || "").indexOf("json") < 0) {
      // A server that answers with a page: show it, as the plain form would have.
      if (r.redirected) location.assign(r.url); else form.submit();
      return null;
    }
    return r.json().then(function (d) {
      if (r.ok) {
        shell.cartCount(d.count, true);
        shell.toast(d.message || shell.added, true);
      } else {
        shell.toast((d.error && d.error.message) || shell.offline, false);
      }
    });
  }
  function add(button) {
    button.disabled = true;
    button.setAttribute("aria-busy", "true");
    fetch(form.action, {
      method: "POST",
      body: new URLSearchParams(new FormData(form)),
      headers: {Accept: "application/json"}
    })
      .then(answer)
      .catch(function () { shell.toast(shell.offline, false); })
      .then(function () { button.disabled = false; button.removeAttribute("aria-busy"); });
  }
  form.addEventListener("submit", function (e) {
    if (!form.elements.sku_id.value) {
      e.preventDefault();
      askForChoice();
      return;
    }
    var by = e.submitter;
    if (by && by.hasAttribute("formaction")) return; // 立即购买
    e.preventDefault();
    add(by || $("add-to-cart"));
  });
})();
})();

// Campaign countdowns (flash sales, group deals): "剩 01:23:45" from the UTC end time.
(function () {
  var ends = document.querySelectorAll("[data-ends]");
  if (!ends.length) return;
  var left = document.documentElement.lang === "en" ? "Ends in " : "距结束 ";
  function pad(n) { return n < 10 ? "0" + n : "" + n; }
  function tick() {
    ends.forEach(function (el) {
      var s = Math.max(0, Math.floor((Date.parse(el.dataset.ends) - Date.now()) / 1000));
      var d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600);
      el.textContent = left + (d ? d + (left === "Ends in " ? "d " : "天 ") : "") +
        pad(h) + ":" + pad(Math.floor(s % 3600 / 60)) + ":" + pad(s % 60);
    });
  }
  tick();
  setInterval(tick, 1000);
})();
