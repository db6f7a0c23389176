/* Newsroom desk: embed pickers beside the body, and the focal point on an image. */
"use strict";
(function () {
  function insertAtCursor(textarea, text) {
    var start = textarea.selectionStart, end = textarea.selectionEnd, value = textarea.value;
    var before = value.slice(0, start), after = value.slice(end);
    var block = (before && !before.endsWith("\n\n") ? (before.endsWith("\n") ? "\n" : "\n\n") : "") + text + "\n\n";
    textarea.value = before + block + after.replace(/^\n+/, "");
    textarea.selectionStart = textarea.selectionEnd = (before + block).length;
    textarea.focus();
  }

  function showPicked(select, data) {
    var box = select.parentNode.querySelector(".nr-picked");
    if (!box) {
      box = document.createElement("div");
      box.className = "nr-picked";
      select.parentNode.appendChild(box);
    }
    box.textContent = "";
    if (!data || !data.id) { return; }
    var code = data.embed || ("[[" + select.dataset.embedPicker + ":" + data.id + "]]");
    if (data.thumb) {
      var img = document.createElement("img");
      img.src = data.thumb; img.alt = ""; box.appendChild(img);
    }
    var codeEl = document.createElement("code");
    codeEl.className = "nr-embed-code"; codeEl.textContent = code; box.appendChild(codeEl);
    var body = document.getElementById("id_body");
    if (body) {
      var button = document.createElement("button");
      button.type = "button"; button.className = "button";
      button.textContent = document.documentElement.lang.indexOf("ko") === 0 ? "본문 커서 위치에 넣기" : "Insert into body at cursor";
      button.addEventListener("click", function () { insertAtCursor(body, code); });
      box.appendChild(button);
    }
  }

  function bindPickers($) {
    $(document).on("select2:select", "select[data-embed-picker]", function (event) {
      showPicked(this, event.params.data);
    });
    $(document).on("select2:select", "select#id_lead_image", function (event) {
      var data = event.params.data;
      var box = this.parentNode.querySelector(".nr-picked");
      if (!box) { box = document.createElement("div"); box.className = "nr-picked"; this.parentNode.appendChild(box); }
      box.textContent = "";
      if (data.thumb) { var img = document.createElement("img"); img.src = data.thumb; img.alt = ""; box.appendChild(img); }
    });
  }

  function bindFocalPoint() {
    var frame = document.querySelector(".nr-focal");
    var x = document.getElementById("id_focal_x"), y = document.getElementById("id_focal_y");
    if (!frame || !x || !y) { return; }
    var dot = frame.querySelector(".nr-focal-dot");
    function place(fx, fy) { dot.style.left = (fx * 100) + "%"; dot.style.top = (fy * 100) + "%"; }
    place(parseFloat(frame.dataset.focalX), parseFloat(frame.dataset.focalY));
    frame.addEventListener("click", function (event) {
      var rect = frame.getBoundingClientRect();
      var fx = Math.min(1, Math.max(0, (event.clientX - rect.left) / rect.width));
      var fy = Math.min(1, Math.max(0, (event.clientY - rect.top) / rect.height));
      x.value = fx.toFixed(3); y.value = fy.toFixed(3);
      place(fx, fy);
    });
  }

  /* The soft lock: while the change page is open it checks in, so others see
     "being edited by …"; leaving the page releases it. */
  function bindEditLock() {
    var marker = document.getElementById("nr-edit-lock");
    var token = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (!marker || !token) { return; }
    var url = marker.dataset.url;
    function send(extra) {
      var body = new FormData();
      body.append("csrfmiddlewaretoken", token.value);
      if (extra) { body.append(extra, "1"); }
      return body;
    }
    window.setInterval(function () {
      fetch(url, { method: "POST", body: send(), credentials: "same-origin" }).catch(function () {});
    }, 45000);
    window.addEventListener("pagehide", function () {
      if (navigator.sendBeacon) { navigator.sendBeacon(url, send("release")); }
    });
  }

  /* Names for what Django's admin leaves unnamed to a screen reader: the
     autocomplete boxes (select2 names its box after the chosen value only) and
     the rows of a tabular inline (their inputs have a column heading, no label). */
  function labelText(id) {
    var label = id && document.querySelector('label[for="' + id + '"]');
    return label ? label.textContent.replace(/[:：]\s*$/, "").trim() : "";
  }

  function nameAutocompletes() {
    document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var name = labelText(select.id);
      var box = select.nextElementSibling;
      if (!name || !box) { return; }
      box.querySelectorAll('[role="combobox"], [role="textbox"], .select2-search__field').forEach(function (el) {
        el.setAttribute("aria-label", name);
        el.removeAttribute("aria-labelledby");
      });
    });
  }

  function nameInlineCells() {
    document.querySelectorAll(".tabular table").forEach(function (table) {
      var headings = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
        return th.textContent.trim();
      });
      table.querySelectorAll("tbody tr").forEach(function (row) {
        Array.prototype.forEach.call(row.children, function (cell, index) {
          cell.querySelectorAll("input:not([type=hidden]), select, textarea").forEach(function (field) {
            if (!field.labels || !field.labels.length) {
              if (headings[index] && !field.getAttribute("aria-label")) { field.setAttribute("aria-label", headings[index]); }
            }
          });
        });
      });
    });
  }

  function bindNames($) {
    // After Django's own ready handlers have drawn the select2 boxes.
    window.setTimeout(function () { nameAutocompletes(); nameInlineCells(); }, 0);
    $(document).on("select2:open formset:added", function () { window.setTimeout(function () { nameAutocompletes(); nameInlineCells(); }, 0); });
    $(document).on("select2:select select2:unselect", function () { window.setTimeout(nameAutocompletes, 0); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (window.django && window.django.jQuery) { bindPickers(window.django.jQuery); bindNames(window.django.jQuery); }
    bindFocalPoint();
    bindEditLock();
  });
})();
