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
    const message = form.getAttribute('data-confirm');
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
