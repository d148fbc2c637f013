/* Grid editor: "Add a criterion" copies an empty row; "Remove" takes a row away. Without JavaScript
   the spare blank rows and the remove boxes do the same on the server. */
(function () {
  'use strict';
  document.querySelectorAll('[data-grid-editor]').forEach(function (editor) {
    var name = editor.getAttribute('data-grid-editor');
    var body = editor.querySelector('tbody');
    var add = editor.querySelector('[data-grid-add]');
    add.hidden = false;
    add.addEventListener('click', function () {
      var rows = body.querySelectorAll('[data-grid-row]');
      var copy = rows[rows.length - 1].cloneNode(true);
      var index = rows.length;
      copy.querySelectorAll('input').forEach(function (input) {
        input.name = input.name.replace(new RegExp('^' + name + 'Rows\\[\\d+\\]'), name + 'Rows[' + index + ']');
        if (input.type === 'checkbox') input.checked = false;
        else input.value = '';
      });
      body.appendChild(copy);
      copy.querySelector('input').focus();
    });
    editor.addEventListener('change', function (event) {
      if (event.target.hasAttribute('data-grid-remove') && event.target.checked) {
        var row = event.target.closest('[data-grid-row]');
        row.hidden = true;
      }
    });
  });
})();
