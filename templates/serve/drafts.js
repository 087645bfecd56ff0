/* ehcplan editor: never lose what was typed.
 *
 * While the writer types, the form's fields are kept in this browser's local storage (one draft
 * per plan, with the version of the file it started from). The plan's file is only ever written
 * by Save. When the editor opens a plan that has a draft differing from the file (after a reload,
 * a closed tab, a restart of `ehcplan serve`, or a save refused because the file changed), it
 * offers the draft back. A draft is put back by posting it to the server as it was, so added rows
 * come back too. After Remove, the plan as it was just before is kept for one Undo.
 *
 * Plan text is only ever set as text, never as markup. A successful save clears the draft.
 */
(function () {
  "use strict";

  var form = document.getElementById("plan-form");
  var wordsElement = document.getElementById("ehc-words");
  var storage = availableStorage();
  if (!form || !wordsElement || !storage || !window.FormData) {
    return;
  }
  var words = JSON.parse(wordsElement.textContent).drafts;
  var plan = form.getAttribute("data-plan");
  var draftKey = "ehcplan:draft:" + plan;
  var undoKey = "ehcplan:undo:" + plan;
  var SAVE_PAUSE_MS = 400;
  var timer = null;

  function availableStorage() {
    try {
      var probe = "ehcplan:probe";
      window.localStorage.setItem(probe, "1");
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch (error) {
      return null; /* storage switched off or full: the editor works as before, without drafts */
    }
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole;
    });
  }

  /* The form's fields as [name, value] pairs, without the per-run secret and the button pressed. */
  function fields() {
    var pairs = [];
    new FormData(form).forEach(function (value, name) {
      if (name !== "csrf" && name !== "action" && typeof value === "string") {
        pairs.push([name, value]);
      }
    });
    return pairs;
  }

  function same(first, second) {
    return JSON.stringify(first) === JSON.stringify(second);
  }

  function read(key) {
    try {
      var kept = JSON.parse(storage.getItem(key) || "null");
      return kept && Array.isArray(kept.fields) ? kept : null;
    } catch (error) {
      return null;
    }
  }

  function write(key, value) {
    try {
      storage.setItem(key, JSON.stringify(value));
    } catch (error) {
      /* full: the page still warns before it is left with unsaved changes */
    }
  }

  function version() {
    return form.elements.namedItem("version").value;
  }

  function keepDraft() {
    write(draftKey, { version: version(), when: new Date().toISOString(), fields: fields() });
  }

  /* Post kept fields back to the server, which shows them as they were (nothing is saved). */
  function putBack(pairs) {
    var posting = document.createElement("form");
    posting.method = "post";
    posting.action = form.getAttribute("action"); /* form.action is the buttons named "action" */
    posting.hidden = true;
    posting.setAttribute("data-putting-back", "true"); /* leaving on purpose: no "unsaved" prompt */
    var all = pairs.concat([["csrf", form.elements.namedItem("csrf").value], ["action", "restore"]]);
    all.forEach(function (pair) {
      var field = document.createElement("textarea"); /* keeps line breaks, as the typed text had */
      field.name = pair[0];
      field.value = pair[1];
      posting.appendChild(field);
    });
    document.body.appendChild(posting);
    posting.submit();
  }

  function whenText(iso) {
    var when = new Date(iso);
    return isNaN(when.getTime()) ? iso : when.toLocaleString();
  }

  function offerDraft(draft) {
    var notice = document.getElementById("draft-notice");
    var text = document.getElementById("draft-text");
    var message = fill(words.found, { when: whenText(draft.when) });
    if (draft.version !== version()) {
      message += " " + words.changed_since;
    }
    text.textContent = message;
    notice.hidden = false;
    document.getElementById("draft-restore").addEventListener("click", function () {
      putBack(draft.fields);
    });
    document.getElementById("draft-discard").addEventListener("click", function () {
      storage.removeItem(draftKey);
      text.textContent = words.discarded;
      notice.querySelector(".ehc-editor__actions").hidden = true;
      form.querySelector("input, textarea, select, button").focus();
    });
  }

  function offerUndo(undo) {
    var notice = document.getElementById("undo-notice");
    document.getElementById("undo-text").textContent = fill(words.removed, { item: undo.label });
    notice.hidden = false;
    document.getElementById("undo-remove").addEventListener("click", function () {
      storage.removeItem(undoKey);
      putBack(undo.fields);
    });
  }

  /* What the page holds when it opens. */
  if (form.getAttribute("data-saved") === "true") {
    storage.removeItem(draftKey); /* saved: the file holds it all now */
  } else if (form.getAttribute("data-unsaved") === "true") {
    keepDraft(); /* the page shows posted changes (after add, move, remove or a refused save) */
  } else {
    var draft = read(draftKey);
    if (draft && !same(draft.fields, fields())) {
      offerDraft(draft);
    } else if (draft) {
      storage.removeItem(draftKey); /* the same as the file: nothing to offer */
    }
  }
  var undo = read(undoKey);
  storage.removeItem(undoKey);
  if (undo && form.getAttribute("data-unsaved") === "true") {
    offerUndo(undo);
  }

  form.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(keepDraft, SAVE_PAUSE_MS);
  });
  form.addEventListener("change", keepDraft);
  form.addEventListener("submit", function (event) {
    window.clearTimeout(timer);
    var button = event.submitter;
    var action = button ? button.value : "save";
    if (action === "save") {
      return; /* the draft is cleared when the save has worked, kept if it is refused */
    }
    keepDraft();
    if (action.indexOf("remove:") === 0) {
      var label = button.querySelector(".ehc-visually-hidden");
      write(undoKey, { fields: fields(), label: label ? label.textContent.trim() : "", when: "" });
    }
  });
})();
