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
