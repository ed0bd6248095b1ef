// The little behaviour htmx leaves to us; no inline scripts (strict CSP).
(function () {
  "use strict";

  // After a swap, put keyboard focus somewhere sensible: the first invalid
  // field of a form, else an element marked to receive it, unless focus
  // is still on a control that survived the swap (typing in the search box).
  document.addEventListener("htmx:after:swap", function (event) {
    var target = event.detail && event.detail.ctx && event.detail.ctx.target;
    if (!target || !target.isConnected) {
      target = document.getElementById("main");
    }
    var invalid = target.querySelector("[aria-invalid='true']");
    if (invalid) {
      invalid.focus();
      return;
    }
    var active = document.activeElement;
    if (active && active !== document.body && active.isConnected) {
      return;
    }
    var marked = target.querySelector("[data-focus-after-swap]") || target;
    if (!marked.hasAttribute("tabindex") && !/^(A|BUTTON|INPUT|SELECT|TEXTAREA)$/.test(marked.tagName)) {
      marked.setAttribute("tabindex", "-1");
    }
    marked.focus();
  });

  // "Select all on this page" ticks every order of the list's page; it
  // is hidden without JavaScript, where it could do nothing.
  function showScripted(root) {
    root.querySelectorAll("[data-select-all], [data-print]").forEach(function (el) {
      el.hidden = false;
    });
  }
  document.addEventListener("DOMContentLoaded", function () { showScripted(document); });
  document.addEventListener("htmx:after:swap", function () { showScripted(document); });
  document.addEventListener("change", function (event) {
    var box = event.target;
    if (box.matches("[data-select-all]")) {
      box.form.querySelectorAll("input[type=checkbox][name=code]").forEach(function (pick) {
        pick.checked = box.checked;
      });
    } else if (box.matches("input[type=checkbox][name=code]") && box.form) {
      var all = box.form.querySelector("[data-select-all]");
      var picks = box.form.querySelectorAll("input[type=checkbox][name=code]");
      var ticked = box.form.querySelectorAll("input[type=checkbox][name=code]:checked");
      if (all) {
        all.checked = ticked.length === picks.length;
        all.indeterminate = ticked.length > 0 && ticked.length < picks.length;
      }
    }
  });
  // Print buttons open the browser's print dialog.
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) window.print();
  });

  // Close the ☰ menu with Escape and when focus or a click leaves it.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll("details.menu[open]").forEach(function (menu) {
      menu.open = false;
      menu.querySelector("summary").focus();
    });
  });
  document.addEventListener("click", function (event) {
    document.querySelectorAll("details.menu[open]").forEach(function (menu) {
      if (!menu.contains(event.target)) menu.open = false;
    });
  });
})();
