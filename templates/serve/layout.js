/* ehcplan editor: a layout to draft a whole plan in.
 *
 * - Text boxes grow with what is typed, so long provision is read whole (and prints whole).
 * - "Show one section at a time": the section chosen in the section list is the only one shown.
 * - The place being written is kept across a save or an add, move or remove (each reloads the
 *   page): the section in view is remembered for this tab and brought back into view.
 * - Rule codes are left out of the findings unless asked for.
 * The choices are kept in this browser. Without this script every section is shown.
 */
(function () {
  "use strict";

  var form = document.getElementById("plan-form");
  if (!form) {
    return;
  }
  var plan = form.getAttribute("data-plan");
  var placeKey = "ehcplan:place:" + plan;
  var oneKey = "ehcplan:one-section";
  var codesKey = "ehcplan:show-codes";
  var editor = document.querySelector(".ehc-editor");
  var sections = Array.prototype.slice.call(form.querySelectorAll("section[id]"));

  function remembered(store, key) {
    try {
      return store.getItem(key);
    } catch (error) {
      return null;
    }
  }

  function remember(store, key, value) {
    try {
      store.setItem(key, value);
    } catch (error) {
      /* storage off: the layout still works, without remembering */
    }
  }

  /* Text boxes that grow with their text. */
  function grow(box) {
    box.style.height = "auto";
    box.style.height = box.scrollHeight + 2 + "px";
  }
  Array.prototype.forEach.call(form.querySelectorAll("textarea"), grow);
  form.addEventListener("input", function (event) {
    if (event.target.tagName === "TEXTAREA") {
      grow(event.target);
    }
  });

  Array.prototype.forEach.call(document.querySelectorAll("[data-enhanced]"), function (part) {
    part.hidden = false;
  });

  /* One section at a time. */
  var one = document.getElementById("one-section");
  function sectionOf(hash) {
    var target = hash ? document.getElementById(hash.slice(1)) : null;
    var section = target && target.closest ? target.closest("section[id]") : null;
    return section && form.contains(section) ? section : null;
  }
  function showOnly(section) {
    sections.forEach(function (each) {
      each.hidden = one.checked && section !== null && each !== section;
    });
  }
  function shownSection() {
    return sectionOf(location.hash) || sectionOf("#" + (remembered(window.sessionStorage, placeKey) || "")) || sections[0];
  }
  one.checked = remembered(window.localStorage, oneKey) === "true";
  one.addEventListener("change", function () {
    remember(window.localStorage, oneKey, String(one.checked));
    showOnly(shownSection());
  });
  document.querySelector(".ehc-jump").addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[href^='#']") : null;
    var section = link ? sectionOf(link.getAttribute("href")) : null;
    if (section) {
      showOnly(section);
      remember(window.sessionStorage, placeKey, section.id);
    }
  });
  window.addEventListener("hashchange", function () {
    var section = sectionOf(location.hash);
    if (section) {
      showOnly(section);
    }
  });

  /* The place kept across the reload that every button causes: the section last written in
   * (or whose add, move or remove button was pressed, or that was chosen in the section list). */
  function keepPlace(node) {
    var section = node && node.closest ? node.closest("section[id]") : null;
    if (section && form.contains(section)) {
      remember(window.sessionStorage, placeKey, section.id);
    }
  }
  form.addEventListener("focusin", function (event) {
    keepPlace(event.target);
  });
  form.addEventListener("submit", function (event) {
    keepPlace(event.submitter);
  });
  var kept = sectionOf("#" + (remembered(window.sessionStorage, placeKey) || ""));
  showOnly(shownSection());
  if (kept && !location.hash && !document.querySelector("[autofocus]")) {
    kept.scrollIntoView();
  }

  /* Rule codes only when asked for. */
  var codes = document.getElementById("show-codes");
  codes.checked = remembered(window.localStorage, codesKey) === "true";
  function showCodes() {
    editor.classList.toggle("ehc-editor--codes", codes.checked);
  }
  codes.addEventListener("change", function () {
    remember(window.localStorage, codesKey, String(codes.checked));
    showCodes();
  });
  showCodes();
})();
