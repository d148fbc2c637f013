/* Budget builder: live totals per row and per heading while typing, worked
   out here in exact integer cents (BigInt) with the server's rounding
   (line total = quantity × unit cost, half up to the cent), then checked
   by the server's budget preview, whose refusals (422) are shown with the
   row they are about. Plain ES2020, no dependencies. */
(function () {
  'use strict';
  var form = document.querySelector('[data-budget-form]');
  if (!form || typeof BigInt !== 'function') return;
  var url = form.getAttribute('data-preview-url');
  var maxShareBp = BigInt(form.getAttribute('data-max-share-bp') || '9500');
  var invalidLabel = form.getAttribute('data-invalid-label') || '?';
  var lang = document.documentElement.lang || 'en';
  var timer = null;
  var sequence = 0;
  var direct = ['human_resources', 'travel', 'equipment_supplies', 'local_office', 'other_costs_services', 'other'];

  function money(cents) {
    var value = BigInt(cents);
    var negative = value < 0n;
    var abs = negative ? -value : value;
    var whole = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 }).format(Number(abs / 100n));
    var decimal = (1.5).toLocaleString(lang).charAt(1);
    return (negative ? '-' : '') + whole + decimal + String(abs % 100n).padStart(2, '0') + ' €';
  }

  /* The server's parseAmountToCents: "12 500,50", "12.500,50", "12,500.50", "12500.5". */
  function parseAmount(text) {
    var compact = String(text).replace(/[\s\u00a0']/g, '');
    var match = compact.match(/^(\d{1,3}(?:[.,]\d{3})+|\d+)(?:[.,](\d{1,2}))?$/);
    if (!match) return null;
    var separator = match[2] === undefined ? null : compact.charAt(compact.length - match[2].length - 1);
    if (separator && match[1].indexOf(separator) !== -1) return null;
    return BigInt(match[1].replace(/[.,]/g, '')) * 100n + BigInt((match[2] || '').padEnd(2, '0'));
  }

  /* The validator's quantity: up to 9 digits and 2 decimals, as hundredths. */
  function parseQuantity(text) {
    var match = String(text).trim().match(/^(\d{1,9})(?:\.(\d{1,2}))?$/);
    if (!match) return null;
    return BigInt(match[1]) * 100n + BigInt((match[2] || '').padEnd(2, '0'));
  }

  /* round(q × c / 100), half up (q, c ≥ 0). */
  function lineTotal(hundredths, cents) {
    var product = hundredths * cents;
    return (product + 50n) / 100n;
  }

  function field(row, name) {
    return row.querySelector('[name$="[' + name + ']"]');
  }

  function recompute() {
    var sums = {};
    form.querySelectorAll('[data-heading-total]').forEach(function (cell) { sums[cell.getAttribute('data-heading-total')] = 0n; });
    form.querySelectorAll('[data-budget-row]').forEach(function (row) {
      var cell = row.querySelector('[data-line-total]');
      var quantityText = field(row, 'quantity').value.trim();
      var costText = field(row, 'unitCost').value.trim();
      row.removeAttribute('data-invalid');
      if (quantityText === '' && costText === '') { cell.textContent = ''; return; }
      var quantity = parseQuantity(quantityText);
      var cost = parseAmount(costText);
      if (quantity === null || cost === null) {
        cell.textContent = invalidLabel;
        row.setAttribute('data-invalid', 'true');
        return;
      }
      var total = lineTotal(quantity, cost);
      cell.textContent = money(total);
      var heading = field(row, 'heading').value;
      sums[heading] = (sums[heading] || 0n) + total;
    });
    Object.keys(sums).forEach(function (heading) {
      var cell = form.querySelector('[data-heading-total="' + heading + '"]');
      if (cell) cell.textContent = money(sums[heading]);
    });
    var d = direct.reduce(function (sum, h) { return sum + (sums[h] || 0n); }, 0n);
    var i = sums.indirect || 0n;
    var c = sums.contingency || 0n;
    var tec = d + i + c;
    var maxFunder = (tec * maxShareBp) / 10000n;
    var requestedText = (form.querySelector('[name="requested"]') || { value: '' }).value.trim();
    var requested = requestedText === '' ? null : parseAmount(requestedText);
    var funder = requested === null ? maxFunder : requested;
    var totals = { directCents: d, indirectCents: i, contingencyCents: c, totalEligibleCents: tec, maxFunderCents: maxFunder, funderCents: funder, cofinancingCents: tec - funder };
    Object.keys(totals).forEach(function (key) {
      var cell = form.querySelector('[data-total="' + key + '"]');
      if (cell) cell.textContent = money(totals[key]);
    });
  }

  function showRefusal(errors) {
    var box = form.querySelector('[data-preview-error]');
    var list = form.querySelector('[data-preview-errors]');
    list.innerHTML = '';
    (errors || []).forEach(function (error) {
      var item = document.createElement('li');
      item.textContent = error.message;
      list.appendChild(item);
    });
    box.hidden = false;
  }

  function showViolations(violations) {
    var list = form.querySelector('[data-violations]');
    list.innerHTML = '';
    violations.forEach(function (v) {
      var item = document.createElement('li');
      item.setAttribute('data-violation', v.code);
      item.textContent = v.text;
      list.appendChild(item);
    });
    form.querySelector('[data-no-violations]').hidden = violations.length > 0;
  }

  function refresh() {
    var mine = ++sequence;
    var body = new URLSearchParams(new FormData(form));
    body.delete('_method');
    fetch(url, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: body,
      credentials: 'same-origin',
    })
      .then(function (response) {
        return response.json().then(function (json) { return { status: response.status, json: json }; });
      })
      .then(function (result) {
        if (mine !== sequence) return;
        var box = form.querySelector('[data-preview-error]');
        if (result.status === 422) { showRefusal(result.json.errors); return; }
        if (result.status >= 400) { showRefusal([{ message: String(result.status) }]); return; }
        box.hidden = true;
        showViolations(result.json.violations);
      })
      .catch(function () {
        if (mine === sequence) showRefusal([]);
      });
  }

  form.addEventListener('input', function (event) {
    if (!event.target.name || !/^(lines|requested)/.test(event.target.name)) return;
    recompute();
    clearTimeout(timer);
    timer = setTimeout(refresh, 300);
  });
  form.addEventListener('change', function (event) {
    if (event.target.name && /\[heading\]$/.test(event.target.name)) {
      recompute();
      clearTimeout(timer);
      timer = setTimeout(refresh, 300);
    }
  });
})();
