/* Shelter Grants — progressive enhancement. Plain ES2020, no modules, no dependencies. */
(function () {
  'use strict';

  // Mark that JavaScript is available (CSS hides no-JS-only controls).
  document.documentElement.classList.add('js');

  function submitForm(form) {
    if (!form) return;
    if (typeof form.requestSubmit === 'function') {
      // Fires the submit event, so validation and data-confirm still apply.
      form.requestSubmit();
    } else {
      form.submit();
    }
  }

  // Submit the form when an autosubmit select changes (e.g. language switch).
  document.addEventListener('change', function (event) {
    const target = event.target;
    if (target instanceof HTMLSelectElement && target.hasAttribute('data-autosubmit')) {
      submitForm(target.form);
    }
  });

  // Ask for confirmation on forms with data-confirm="message".
  document.addEventListener('submit', function (event) {
    const form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    const submitter = event.submitter;
    const message =
      (submitter && submitter.getAttribute('data-confirm-button')) || form.getAttribute('data-confirm');
    if (message && !window.confirm(message)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  });

  // Move focus to the error summary so screen-reader users hear it first.
  function focusErrorSummary() {
    const summary = document.querySelector('[data-error-summary]');
    if (!summary) return;
    if (!summary.hasAttribute('tabindex')) summary.setAttribute('tabindex', '-1');
    summary.focus();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', focusErrorSummary);
  } else {
    focusErrorSummary();
  }
})();

// Progress of an expense import running as a job: poll until it ends, then reload.
(function () {
  var progress = document.querySelector('[data-import-poll]');
  if (!progress) return;
  var url = progress.getAttribute('data-import-poll');
  function poll() {
    fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (response) { return response.json(); })
      .then(function (body) {
        var job = body.data;
        if (job.totalRows > 0) {
          progress.max = job.totalRows;
          progress.value = job.processedRows;
          var text = progress.parentNode.querySelector('[data-import-progress]');
          if (text) text.textContent = job.processedRows + ' / ' + job.totalRows;
        }
        if (job.status !== 'queued' && job.status !== 'running') window.location.reload();
        else setTimeout(poll, 1000);
      })
      .catch(function () { setTimeout(poll, 3000); });
  }
  setTimeout(poll, 1000);
})();

/* Autosave of drafts (ADR 0021): a form with data-autosave="<form>:<object>"
   sends what is typed to /drafts a few seconds after each change, shows
   "Draft saved hh:mm" (Kosovo time, from the server), restores the draft
   when the page opens and clears it once the form was sent without errors. */
(function () {
  'use strict';
  if (!window.fetch || !window.URLSearchParams) return;
  var PENDING = 'sg-draft-sent';
  var hasErrors = Boolean(document.querySelector('[data-error-summary]'));

  function keyParts(key) {
    var at = key.lastIndexOf(':');
    return { form: key.slice(0, at), object: key.slice(at + 1) };
  }
  function csrfToken() {
    var field = document.querySelector('form[data-autosave] input[name="_csrf"]') || document.querySelector('input[name="_csrf"]');
    return field ? field.value : '';
  }
  function send(method, key, extra) {
    var parts = keyParts(key);
    var body = new URLSearchParams({ form: parts.form, object: parts.object });
    if (method !== 'GET') body.set('_csrf', csrfToken());
    Object.keys(extra || {}).forEach(function (name) { body.set(name, extra[name]); });
    return fetch(method === 'GET' ? '/drafts?' + body.toString() : '/drafts' + (method === 'DELETE' ? '?_method=DELETE' : ''), {
      method: method === 'GET' ? 'GET' : 'POST',
      headers: method === 'GET' ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: method === 'GET' ? undefined : body,
      credentials: 'same-origin',
    });
  }

  // A form sent last time: clear its draft unless the page shows errors (its input is back on screen).
  var sent = null;
  try {
    sent = window.sessionStorage.getItem(PENDING);
    if (sent) {
      window.sessionStorage.removeItem(PENDING);
      if (!hasErrors) send('DELETE', sent);
    }
  } catch (e) { /* storage blocked: the draft stays until the next save */ }

  function fieldsOf(form) {
    var pairs = [];
    new FormData(form).forEach(function (value, name) {
      if (typeof value === 'string' && name !== '_csrf' && name !== '_method') pairs.push([name, value]);
    });
    return pairs;
  }

  function restore(form, fields) {
    var byName = {};
    fields.forEach(function (pair) { (byName[pair[0]] = byName[pair[0]] || []).push(pair[1]); });
    Array.prototype.forEach.call(form.elements, function (element) {
      if (!element.name || element.name === '_csrf' || element.name === '_method' || element.disabled) return;
      var values = byName[element.name];
      if (element.type === 'checkbox' || element.type === 'radio') {
        element.checked = Boolean(values && values.indexOf(element.value) !== -1);
      } else if (element.type !== 'file' && element.type !== 'submit' && values && values.length) {
        element.value = values.shift();
      }
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll('form[data-autosave]'), function (form) {
    var key = form.getAttribute('data-autosave');
    var status = document.createElement('p');
    status.className = 'draft-status';
    status.setAttribute('role', 'status');
    status.setAttribute('data-draft-status', '');
    form.insertBefore(status, form.firstChild);
    var timer = null;
    var last = JSON.stringify(fieldsOf(form));

    function save() {
      timer = null;
      var now = JSON.stringify(fieldsOf(form));
      if (now === last) return;
      send('POST', key, { fields: now })
        .then(function (response) { return response.ok ? response.json() : Promise.reject(response); })
        .then(function (result) { last = now; status.textContent = result.message; })
        .catch(function () { status.textContent = form.getAttribute('data-autosave-failed') || ''; });
    }
    function changed() {
      if (timer) window.clearTimeout(timer);
      timer = window.setTimeout(save, Number(form.getAttribute('data-autosave-delay')) || 3000);
    }
    form.addEventListener('input', changed);
    form.addEventListener('change', changed);
    form.addEventListener('submit', function () {
      if (timer) window.clearTimeout(timer);
      try { window.sessionStorage.setItem(PENDING, key); } catch (e) { /* ignore */ }
    });

    // The page shows the input just sent (errors), or what was just saved: newer than any draft.
    if (hasErrors || sent === key) return;
    send('GET', key)
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (result) {
        if (!result || !result.draft) return;
        restore(form, result.draft.fields);
        last = JSON.stringify(fieldsOf(form));
        status.textContent = result.message + ' ';
        var discard = document.createElement('button');
        discard.type = 'button';
        discard.className = 'button button--link';
        discard.setAttribute('data-draft-discard', '');
        discard.textContent = form.getAttribute('data-autosave-discard') || 'Discard';
        discard.addEventListener('click', function () {
          send('DELETE', key).then(function () { window.location.reload(); });
        });
        status.appendChild(discard);
      });
  });
})();

/* Bulk admission: "select all flagged / unflagged" ticks the undecided lines of that kind. */
(function () {
  'use strict';
  var form = document.querySelector('[data-bulk-admission]');
  if (!form) return;
  var buttons = form.querySelector('[data-bulk-select]');
  if (buttons) buttons.hidden = false;
  form.addEventListener('click', function (event) {
    var kind = event.target && event.target.getAttribute && event.target.getAttribute('data-select-lines');
    if (!kind) return;
    Array.prototype.forEach.call(document.querySelectorAll('input[data-bulk-line]'), function (box) {
      box.checked = box.getAttribute('data-bulk-line') === kind;
    });
    var scope = form.querySelector('select[name="scope"]');
    if (scope) scope.value = 'selected';
  });
})();
