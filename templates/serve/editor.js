/* ehcplan editor: checks the plan as the writer pauses and shows each finding next to its item.
 *
 * Progressive enhancement: without this script the form still saves and checks with its
 * buttons. The script posts the form's fields to /api/check (the JSON report of `ehcplan check`)
 * with the page's CSRF token, puts the findings beside the items they are about, updates the
 * grades and readability, and says what it found in the status line, an ARIA live region.
 * Plan text is only ever set as text (textContent), never as markup.
 */
(function () {
  "use strict";

  var form = document.getElementById("plan-form");
  var wordsElement = document.getElementById("ehc-words");
  if (!form || !wordsElement || !window.fetch || !window.FormData || !window.URLSearchParams) {
    return;
  }
  var words = JSON.parse(wordsElement.textContent);
  var status = document.getElementById("live-status");
  var csrf = form.elements.namedItem("csrf").value;
  var PAUSE_MS = 700;
  var timer = null;
  var sequence = 0;
  var edited = null;
  /* A page that shows posted changes (after add, move, remove or a refused save) holds unsaved work. */
  var dirty = form.getAttribute("data-unsaved") === "true";

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole;
    });
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function flaggedWords(finding) {
    var whole = finding.start <= 0 && finding.end >= finding.text.replace(/\s+$/, "").length;
    return whole ? "" : finding.text.slice(finding.start, finding.end).trim();
  }

  /* The same control as `accept_control` in editor_parts.html.j2: accept a finding on an item
   * ("sections.E.2") with a reason; the button posts the form, which keeps the reason for the Save. */
  function acceptControl(flag, base) {
    var cut = base.lastIndexOf(".");
    var target = base.slice(0, cut) + ":" + base.slice(cut + 1) + ":" + flag.finding.rule + ":" + flag.number;
    var id = "f-" + ("reason-" + base + "." + flag.number).replace(/[^A-Za-z0-9_-]/g, "-");
    var details = element("details", "ehc-accept");
    var summary = element("summary", "ehc-accept__summary", words.accept.summary);
    summary.appendChild(element("span", "ehc-visually-hidden", " " + fill(words.review.label, { number: flag.number })));
    details.appendChild(summary);
    var body = element("div", "ehc-accept__body");
    var label = element("label", "ehc-label", words.accept.reason_label);
    label.htmlFor = id;
    body.appendChild(label);
    var hint = element("p", "ehc-hint", words.accept.reason_hint);
    hint.id = id + "-hint";
    body.appendChild(hint);
    var reason = element("textarea", "ehc-textarea ehc-accept__reason");
    reason.id = id;
    reason.name = "reason:" + target;
    reason.rows = 2;
    reason.setAttribute("aria-describedby", hint.id);
    body.appendChild(reason);
    var button = element("button", "ehc-button ehc-button--secondary ehc-button--small", words.accept.button);
    button.type = "submit";
    button.name = "action";
    button.value = "accept:" + target;
    body.appendChild(button);
    details.appendChild(body);
    return details;
  }

  /* The same markup as the `findings` macro in templates/html/macros.html.j2. */
  function findingsList(flags, title, base) {
    var review = words.review;
    var box = element("div", "ehc-findings");
    box.appendChild(element("p", "ehc-findings__title", title));
    var list = element("ul", "ehc-findings__list");
    flags.forEach(function (flag) {
      var finding = flag.finding;
      var item = element("li", "ehc-finding ehc-finding--" + finding.severity);
      item.id = "finding-" + flag.number;
      var heading = element("p", "ehc-finding__heading");
      heading.appendChild(element("strong", "ehc-finding__label", fill(review.label, { number: flag.number })));
      heading.appendChild(document.createTextNode(" "));
      heading.appendChild(element("span", "ehc-tag ehc-tag--" + finding.severity, review.severities[finding.severity]));
      heading.appendChild(document.createTextNode(" "));
      heading.appendChild(element("span", "ehc-finding__rule", fill(review.rule, { code: finding.rule, name: finding.name })));
      item.appendChild(heading);
      var flagged = flaggedWords(finding);
      if (flagged) {
        item.appendChild(element("p", "ehc-finding__words", fill(review.flagged, { words: flagged })));
      }
      item.appendChild(element("p", "ehc-finding__message", finding.message));
      if (finding.suggestion) {
        item.appendChild(element("p", "ehc-finding__suggestion", fill(review.suggestion, { suggestion: finding.suggestion })));
      }
      if (base) {
        item.appendChild(acceptControl(flag, base));
      }
      list.appendChild(item);
    });
    box.appendChild(list);
    return box;
  }

  function boxKey(section, item) {
    return (section || "") + "|" + (item || "");
  }

  function showFindings(findings) {
    var boxes = {};
    Array.prototype.forEach.call(form.ownerDocument.querySelectorAll(".ehc-editor-findings"), function (box) {
      boxes[boxKey(box.getAttribute("data-section"), box.getAttribute("data-item"))] = { node: box, flags: [] };
    });
    findings.forEach(function (finding, index) {
      var flag = { number: index + 1, finding: finding };
      var place = boxes[boxKey(finding.section, finding.item)] || boxes[boxKey(finding.section, "")] || boxes[boxKey("", "")];
      if (place) {
        place.flags.push(flag);
      }
    });
    /* A reason being written for accepting a finding survives the refill, open where it was. */
    var writing = {};
    Array.prototype.forEach.call(form.querySelectorAll(".ehc-accept"), function (control) {
      var reason = control.querySelector("textarea");
      if (reason && (control.open || reason.value)) {
        /* By item and rule, not the finding's number: numbers move when findings come and go. */
        writing[reason.name.replace(/:\d+$/, "")] = { value: reason.value, open: control.open, focused: document.activeElement === reason };
      }
    });
    Object.keys(boxes).forEach(function (key) {
      var place = boxes[key];
      place.node.textContent = "";
      if (place.flags.length) {
        place.node.appendChild(findingsList(place.flags, place.node.getAttribute("data-title"), place.node.getAttribute("data-base")));
      }
    });
    Array.prototype.forEach.call(form.querySelectorAll(".ehc-accept textarea"), function (reason) {
      var kept = writing[reason.name.replace(/:\d+$/, "")];
      if (kept) {
        delete writing[reason.name.replace(/:\d+$/, "")];
        reason.value = kept.value;
        reason.closest(".ehc-accept").open = kept.open || Boolean(kept.value);
        if (kept.focused) {
          reason.focus();
        }
      }
    });
    return boxes;
  }

  function showPanel(file) {
    var grades = file.grades || {};
    var reading = (file.readability || {}).plan || {};
    var values = {
      overall: grades.overall,
      plan_words: reading.words,
      reading_age: reading.reading_age,
      flesch: reading.flesch_reading_ease,
      long_sentences: reading.long_sentences
    };
    Array.prototype.forEach.call(document.querySelectorAll("[data-panel]"), function (node) {
      var value = values[node.getAttribute("data-panel")];
      node.textContent = value === undefined || value === null ? "–" : String(value);
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-grade]"), function (node) {
      node.textContent = (grades.sections || {})[node.getAttribute("data-grade")] || "–";
    });
    var counted = (file.readability || {}).sections || {};
    Array.prototype.forEach.call(document.querySelectorAll("[data-words]"), function (node) {
      var section = counted[node.getAttribute("data-words")];
      node.textContent = section ? fill(words.panel.words, { count: section.words }) : "";
    });
  }

  function announce(boxes, summary) {
    var live = words.live;
    if (edited && boxes[boxKey(edited.section, edited.item)]) {
      var flags = boxes[boxKey(edited.section, edited.item)].flags;
      var label = edited.label;
      if (!flags.length) {
        status.textContent = fill(live.item_none, { item: label });
      } else {
        var first = flags[0].finding.message;
        status.textContent = fill(flags.length === 1 ? live.item_one : live.item_some, {
          item: label,
          count: flags.length,
          first: first
        });
      }
      return;
    }
    status.textContent = fill(words.panel.counts, summary);
  }

  /* Marks for the benchmark's probe (benchmarks/live_check.py): from the end of the pause to the findings shown. */
  function mark(name) {
    if (window.performance && window.performance.mark) {
      window.performance.mark(name);
    }
  }

  function check() {
    var mine = ++sequence;
    mark("ehc-check-start");
    status.textContent = words.live.checking;
    fetch(form.getAttribute("data-check-url"), {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": csrf },
      body: new URLSearchParams(new FormData(form)).toString()
    })
      .then(function (response) {
        return response.json().then(function (body) {
          return { ok: response.ok, body: body };
        });
      })
      .then(function (answer) {
        if (mine !== sequence) {
          return; /* a later check has started: its answer is the one to show */
        }
        if (!answer.ok) {
          var errors = answer.body.errors || [];
          status.textContent = errors.length
            ? fill(words.live.cannot_check, { message: errors[0].message })
            : words.live.failed;
          return;
        }
        var file = answer.body.files[0];
        var boxes = showFindings(file.findings);
        showPanel(file);
        announce(boxes, answer.body.summary);
        if (window.performance && window.performance.measure) {
          window.performance.measure("ehc-live-check", "ehc-check-start");
        }
      })
      .catch(function () {
        if (mine === sequence) {
          status.textContent = words.live.failed;
        }
      });
  }

  function itemOf(target) {
    var group = target.closest ? target.closest("[data-item]") : null;
    if (!group || !group.getAttribute("data-item")) {
      return null;
    }
    var labelId = (group.getAttribute("aria-labelledby") || "").split(" ")[0];
    var label = document.getElementById(labelId);
    return {
      section: group.getAttribute("data-section"),
      item: group.getAttribute("data-item"),
      label: label ? label.textContent.trim() : group.getAttribute("data-item")
    };
  }

  function edit(event) {
    if (event.target.closest && event.target.closest(".ehc-accept")) {
      return; /* a reason for accepting a finding is not plan text: nothing to check until it is accepted */
    }
    dirty = true;
    edited = itemOf(event.target);
    window.clearTimeout(timer);
    timer = window.setTimeout(check, PAUSE_MS);
  }

  /* The findings the page opened with, shown as the live check shows them. */
  var opened = document.getElementById("ehc-report");
  if (opened) {
    showFindings(JSON.parse(opened.textContent).findings);
  }

  form.addEventListener("input", edit);
  form.addEventListener("change", edit);
  form.addEventListener("submit", function () {
    dirty = false;
    window.clearTimeout(timer);
  });
  /* Never lose work: leaving the page with unsaved changes asks first. */
  window.addEventListener("beforeunload", function (event) {
    if (dirty && !document.querySelector("form[data-putting-back]")) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
