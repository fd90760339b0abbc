// The cart page: steppers, typed quantities, ticks and removal without a page reload. Every
// change goes to the server, which answers the re-rendered cart (#cart) with the quantities
// it kept (1..99 and within stock, saying why), the chosen lines' total and 结算. Requests run
// one after another, so the last answer is the cart as it is. Without JavaScript the same
// forms post and redirect.
(function () {
  "use strict";
  var chain = Promise.resolve();
  var pending = {};

  function cart() { return document.getElementById("cart"); }

  function choice(params) {
    // The ticked lines (`sku`) and every line shown (`seen`): lines added meanwhile elsewhere
    // come ticked, as new lines do.
    cart().querySelectorAll("[data-testid=cart-line]").forEach(function (li) {
      params.append("seen", li.dataset.sku);
      var box = li.querySelector("[data-testid=line-check]");
      if (box && box.checked) params.append("sku", li.dataset.sku);
    });
    return params;
  }

  function focused() {
    var el = document.activeElement, li = el && el.closest && el.closest("[data-testid=cart-line]");
    return li && el.dataset.testid ? [li.dataset.sku, el.dataset.testid] : null;
  }

  function swap(html) {
    var again = focused(), old = cart(), tpl = document.createElement("template");
    tpl.innerHTML = html.trim();
    var fresh = tpl.content.querySelector("#cart");
    if (!fresh) return;
    old.replaceWith(fresh);
    keepPending();
    var count = document.querySelector("[data-testid=cart-units]");
    if (count) count.textContent = fresh.dataset.units > 0 ? "(" + fresh.dataset.units + ")" : "";
    // The header's and tab bar's badges (shell.js).
    if (window.mercato && window.mercato.cartCount) window.mercato.cartCount(+fresh.dataset.units, false);
    if (again) {
      var el = fresh.querySelector("[data-sku='" + again[0] + "'] [data-testid=" + again[1] + "]");
      if (el && !el.disabled) el.focus();
    }
  }

  function send(method, url, body) {
    // Queued: each request leaves when the one before has been answered and swapped in.
    chain = chain.then(function () {
      var c = cart();
      c.setAttribute("aria-busy", "true");
      var opts = { method: method, headers: { "HX-Request": "true" }, credentials: "same-origin" };
      if (method === "POST") {
        opts.body = body();
        opts.headers["X-CSRF-Token"] = c.dataset.csrf;
      } else {
        url += "?" + body().toString();
      }
      return fetch(url, opts).then(function (r) {
        if (!r.ok && r.status >= 500) throw new Error(String(r.status));
        return r.text();
      }).then(swap).catch(function () {
        var msgs = cart().querySelector(".cart-msgs");
        if (msgs) msgs.innerHTML = '<p class="alert" role="alert" data-testid="cart-error"></p>';
        if (msgs) msgs.firstChild.textContent = document.querySelector(".cart-page").dataset.offline;
      }).finally(function () { cart().removeAttribute("aria-busy"); });
    });
  }

  function post(form, extra) {
    send("POST", form.getAttribute("action"), function () {
      var data = new URLSearchParams(new FormData(form));
      Object.keys(extra || {}).forEach(function (k) { data.set(k, extra[k]); });
      return choice(data);
    });
  }

  function refresh() {
    send("GET", "/cart", function () { return choice(new URLSearchParams()); });
  }

  function stepper(action) {
    return cart().querySelector("form.stepper[action='" + action + "']");
  }

  function bounds(form, value) {
    var max = +form.elements.quantity.dataset.max || 99;
    form.querySelector("[data-testid=line-minus]").disabled = value <= 1;
    form.querySelector("[data-testid=line-plus]").disabled = value >= max;
    return max;
  }

  function step(button) {
    // The box changes at once; the server hears the settled number a moment later (an
    // answer arriving meanwhile keeps the number being stepped to).
    var form = button.form, box = form.elements.quantity, key = form.getAttribute("action");
    var max = +box.dataset.max || 99, now = parseInt(box.value, 10) || 1;
    var next = Math.min(Math.max(now + (+button.value), 1), max);
    box.value = next;
    bounds(form, next);
    clearTimeout((pending[key] || {}).timer);
    pending[key] = { value: next, timer: setTimeout(function () {
      delete pending[key];
      var current = stepper(key);
      if (current) post(current, { step: "" });
    }, 350) };
  }

  function keepPending() {
    Object.keys(pending).forEach(function (key) {
      var form = stepper(key);
      if (form) { form.elements.quantity.value = pending[key].value; bounds(form, pending[key].value); }
    });
  }

  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (!cart() || !cart().contains(form) || form.id === "cart-choice") return;
    e.preventDefault();
    var by = e.submitter;
    if (by && by.name === "step" && by.value) return step(by);
    var box = form.elements.quantity;
    if (box && box.dataset.sent === box.value) return;  // already sent by its change event
    post(form, { step: "" });
  });

  document.addEventListener("change", function (e) {
    var el = e.target;
    if (!cart() || !cart().contains(el)) return;
    if (el.dataset.testid === "line-quantity") {
      el.dataset.sent = el.value;
      return post(el.form, { step: "" });
    }
    if (el.dataset.testid === "check-all") {
      cart().querySelectorAll("[data-testid=line-check]:not(:disabled)").forEach(function (b) {
        b.checked = el.checked;
      });
    }
    if (el.type === "checkbox") refresh();
  });

  function tabbar() {
    // The settle bar sits just above the phone's tab bar, whatever its height.
    var bar = document.querySelector(".tabbar");
    var h = bar && getComputedStyle(bar).display !== "none" && getComputedStyle(bar).position === "fixed" ? bar.offsetHeight : 0;
    document.documentElement.style.setProperty("--tabbar-h", h + "px");
  }
  document.documentElement.classList.add("js");
  tabbar();
  window.addEventListener("resize", tabbar);
})();
