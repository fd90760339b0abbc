// Variant picker: reads the SKU JSON the server embedded and updates price, item code and
// availability without a reload. Without JavaScript the buttons submit ?sku=<id> instead.
(function () {
  var data = document.getElementById("sku-data");
  var form = document.querySelector("[data-testid=variant-form]");
  if (!data || !form) return;
  var d = JSON.parse(data.textContent);
  var buttons = form.querySelectorAll("[data-testid=variant-button]");
  var $ = function (id) { return document.querySelector("[data-testid=" + id + "]"); };
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
    var cart = $("add-to-cart-form");
    if (cart) {
      cart.elements.sku_id.value = sku ? sku.id : "";
      $("add-to-cart").disabled = !(sku && sku.available > 0);
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
