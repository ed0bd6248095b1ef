// The little behaviour htmx leaves to us; no inline scripts (strict CSP).
(function () {
  "use strict";

  // After a swap, put keyboard focus somewhere sensible: the first invalid
  // field of a form, else an element marked to receive it, unless focus
  // is still on a control that survived the swap (typing in the search box).
  // A confirmation marked data-take-focus is read first even so: htmx puts
  // focus back into a re-rendered (emptied) form, but what was done is news.
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
    var news = target.querySelector("[data-take-focus]");
    if (news) {
      news.focus();
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

  // "Select all on this page" ticks every order of the list's page; it,
  // Print buttons and tips about keys this script adds are hidden without
  // JavaScript, where they could do nothing.
  function showScripted(root) {
    root.querySelectorAll("[data-select-all], [data-print], [data-scripted]").forEach(function (el) {
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
  // In a reply box Enter sends, as in the chat tools dealers use;
  // Shift+Enter starts a new line. Not while an input method composes.
  document.addEventListener("keydown", function (event) {
    var box = event.target;
    if (event.key !== "Enter" || event.shiftKey || event.isComposing) return;
    if (!box.matches || !box.matches("textarea[data-enter-sends]") || !box.form) return;
    event.preventDefault();
    box.form.requestSubmit();
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

  // Narrow a long select (the time zones) to the options whose text or
  // data-search holds every typed word, accents ignored. When the chosen
  // option no longer matches, the first match is chosen, so the select
  // always shows a match. The box is hidden until this script runs.
  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }
  function showFilters() {
    document.querySelectorAll(".select-filter[hidden]").forEach(function (box) {
      box.hidden = false;
    });
  }
  document.addEventListener("DOMContentLoaded", showFilters);
  document.addEventListener("htmx:after:swap", showFilters);
  document.addEventListener("input", function (event) {
    var box = event.target;
    if (!box.matches || !box.matches("input[data-filter-select]")) return;
    var select = document.getElementById(box.dataset.filterSelect);
    if (!select) return;
    var words = fold(box.value).split(/\s+/).filter(Boolean);
    var first = null, count = 0;
    Array.prototype.forEach.call(select.options, function (option) {
      var text = fold(option.text + " " + (option.dataset.search || ""));
      var shown = words.every(function (word) { return text.indexOf(word) !== -1; });
      option.hidden = !shown;
      if (shown) { count += 1; first = first || option; }
    });
    select.querySelectorAll("optgroup").forEach(function (group) {
      group.hidden = !group.querySelector("option:not([hidden])");
    });
    var chosen = select.options[select.selectedIndex];
    if (first && (!chosen || chosen.hidden)) select.value = first.value;
    var status = document.getElementById(box.getAttribute("aria-describedby"));
    if (status) {
      var message = !words.length ? "" : count === 0 ? box.dataset.countNone
        : (count === 1 ? box.dataset.countOne : box.dataset.countOther).replace("{n}", count);
      status.textContent = message;
    }
  });
})();
