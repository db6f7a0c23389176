// The desk's dialogs: a searchable picker for embeds, a link box, and the
// credit dialog that every dropped, pasted or chosen photo passes through
// before it is uploaded (no photo enters a body without alt text and credit).
import { drawCard } from "./cards.js";

export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "className") element.className = value;
    else if (name === "text") element.textContent = value;
    else element.setAttribute(name, value === true ? "" : value);
  }
  element.append(...children.filter(Boolean));
  return element;
}

export function fill(template, values) {
  return template.replace(/%\((\w+)\)s/g, (_, name) => (name in values ? values[name] : ""));
}

function dialog(title, className) {
  const box = el("dialog", { className: `desk-dialog ${className || ""}`.trim(), "aria-label": title });
  box.append(el("h2", { text: title }));
  document.body.append(box);
  box.addEventListener("close", () => box.remove());
  return box;
}

/** The CSRF token as the server knows it now: the cookie (renewed by a login
 * in another tab after the session ended), else the form's. */
export function csrf() {
  const cookie = document.cookie.split("; ").find((part) => part.startsWith("csrftoken="));
  if (cookie) return decodeURIComponent(cookie.slice("csrftoken=".length));
  const input = document.querySelector("input[name=csrfmiddlewaretoken]");
  return input ? input.value : "";
}

export async function request(url, { method = "GET", body = null, background = true } = {}) {
  const headers = { Accept: "application/json", "X-CSRFToken": csrf() };
  if (background) headers["X-Newsroom-Background"] = "1";
  const response = await fetch(url, { method, body, headers, credentials: "same-origin" });
  // Logged out (expired, or ended elsewhere): the desk's login page, or the
  // CSRF refusal a request without its session cookie gets.
  if ((response.redirected && /\/login\//.test(response.url)) || response.status === 401 || response.status === 403) {
    const error = new Error("session ended");
    error.sessionEnded = true;
    throw error;
  }
  let data = {};
  try {
    data = await response.json();
  } catch {
    data = {};
  }
  return { ok: response.ok, status: response.status, data };
}

/** A searchable list of what can be embedded; `onPick(card)` with the choice. */
export function openPicker({ kind, url, strings, title, onPick }) {
  const box = dialog(title, "desk-picker");
  const input = el("input", {
    type: "search",
    className: "desk-picker-search",
    placeholder: strings.searchPlaceholder,
    "aria-label": title,
    autocomplete: "off",
  });
  const list = el("ul", { className: "desk-picker-results", role: "listbox", "aria-label": title });
  const cancel = el("button", { type: "button", className: "button", text: strings.cancel });
  cancel.addEventListener("click", () => box.close());
  box.append(input, list, el("div", { className: "desk-dialog-buttons" }, cancel));
  let timer = null;
  let serial = 0;
  async function search() {
    const mine = ++serial;
    let results = [];
    try {
      const answer = await request(`${url.replace("KIND", kind)}?q=${encodeURIComponent(input.value)}`);
      results = answer.data.results || [];
    } catch {
      results = [];
    }
    if (mine !== serial) return;
    list.replaceChildren();
    if (!results.length) list.append(el("li", { className: "desk-picker-empty", text: strings.noResults }));
    for (const card of results) {
      const option = el("li", { role: "option", tabindex: "0", className: "desk-picker-option" });
      const body = el("div", { className: "desk-card-body" });
      drawCard(body, card, strings);
      option.append(body);
      const choose = () => {
        box.close();
        onPick(card);
      };
      option.addEventListener("click", choose);
      option.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          choose();
        }
      });
      list.append(option);
    }
  }
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(search, 200);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" && list.querySelector("[role=option]")) {
      event.preventDefault();
      list.querySelector("[role=option]").focus();
    }
    if (event.key === "Enter") {
      event.preventDefault();
      const first = list.querySelector("[role=option]");
      if (first) first.click();
    }
  });
  box.showModal();
  input.focus();
  search();
  return box;
}

/** Ask for a link address; `accept(href)` returns false to refuse it. */
export function askLink(strings, accept) {
  const box = dialog(strings.link, "desk-link");
  const input = el("input", { type: "url", className: "vTextField", "aria-label": strings.linkPrompt, placeholder: "https://" });
  const error = el("p", { className: "errornote", hidden: true, text: strings.linkInvalid });
  const ok = el("button", { type: "button", className: "button default", text: strings.insert });
  const cancel = el("button", { type: "button", className: "button", text: strings.cancel });
  box.append(el("label", { text: strings.linkPrompt }), input, error, el("div", { className: "desk-dialog-buttons" }, ok, cancel));
  const submit = () => {
    if (accept(input.value)) box.close();
    else error.hidden = false;
  };
  ok.addEventListener("click", submit);
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      submit();
    }
  });
  cancel.addEventListener("click", () => box.close());
  box.showModal();
  input.focus();
}

const PHOTO_FIELDS = [
  ["alt_text", "altText", true],
  ["credit", "credit", true],
  ["caption", "caption", false],
  ["creator", "creator", false],
  ["copyright_holder", "copyrightHolder", false],
];

/**
 * The credit dialog for `files`: each photo is read by the server (what it
 * carries fills the fields), then uploaded once its alt text and credit are
 * there. `onDone(cards)` gets the photos that made it into the library, in
 * the order they were given; a photo that failed stays in the dialog with
 * its reason and what was typed, and is never placed.
 */
export function creditPhotos({ files, urls, strings, insertLabel, onDone }) {
  const box = dialog(strings.photosTitle, "desk-photos");
  box.append(el("p", { className: "help", text: strings.photosHelp }));
  const rows = [];
  const list = el("ol", { className: "desk-photo-list" });
  box.append(list);
  files.forEach((file, index) => {
    const preview = el("img", { alt: "", width: "120", height: "120", className: "desk-photo-thumb" });
    preview.src = URL.createObjectURL(file);
    const status = el("p", { className: "desk-photo-status", role: "status", text: strings.reading });
    const fields = {};
    const grid = el("div", { className: "desk-photo-fields" });
    for (const [name, label, required] of PHOTO_FIELDS) {
      const id = `desk-photo-${index}-${name}`;
      const input =
        name === "caption"
          ? el("textarea", { id, name, rows: "2", className: "vLargeTextField" })
          : el("input", { id, name, type: "text", className: "vTextField", required: required || null });
      const error = el("p", { className: "desk-photo-error", id: `${id}-error`, hidden: true });
      input.setAttribute("aria-describedby", error.id);
      fields[name] = { input, error };
      grid.append(el("div", { className: "desk-photo-field" }, el("label", { for: id, text: strings[label] + (required ? " *" : "") }), input, error));
    }
    const item = el("li", { className: "desk-photo" }, preview, el("div", {}, el("p", { className: "desk-photo-name", text: file.name }), status, grid));
    list.append(item);
    rows.push({ file, item, fields, status, card: null, duplicate: null });
  });
  const upload = el("button", { type: "button", className: "button default", text: insertLabel || strings.uploadAndInsert });
  const cancel = el("button", { type: "button", className: "button", text: strings.cancel });
  box.append(el("div", { className: "desk-dialog-buttons" }, upload, cancel));
  cancel.addEventListener("click", () => box.close());

  for (const row of rows) {
    const body = new FormData();
    body.append("file", row.file);
    request(urls.photoInspect, { method: "POST", body })
      .then(({ ok, data }) => {
        if (!ok) {
          row.status.textContent = fill(strings.uploadFailed, { reason: data.error || "" });
          row.failed = true;
          row.item.classList.add("desk-photo-refused");
          return;
        }
        for (const [name, value] of Object.entries(data.fields || {})) {
          if (row.fields[name] && !row.fields[name].input.value) row.fields[name].input.value = value;
        }
        row.status.textContent = data.duplicate ? `${strings.photo} #${data.duplicate.id}: ${data.duplicate.label}` : "";
        row.duplicate = data.duplicate || null;
      })
      .catch(() => {
        row.status.textContent = strings.networkDown;
      });
  }

  upload.addEventListener("click", async () => {
    let missing = false;
    for (const row of rows) {
      if (row.card || row.failed) continue;
      for (const [name, , required] of PHOTO_FIELDS) {
        const { input, error } = row.fields[name];
        const empty = required && !input.value.trim();
        error.hidden = !empty;
        error.textContent = empty ? strings.required : "";
        input.setAttribute("aria-invalid", empty ? "true" : "false");
        if (empty && !missing) {
          input.focus();
          missing = true;
        }
      }
    }
    if (missing) return;
    upload.disabled = true;
    for (const row of rows) {
      if (row.card || row.failed) continue;
      row.status.textContent = strings.uploading;
      const body = new FormData();
      body.append("file", row.file);
      for (const [name] of PHOTO_FIELDS) body.append(name, row.fields[name].input.value.trim());
      try {
        const { ok, data } = await request(urls.photoUpload, { method: "POST", body });
        if (ok) {
          row.card = data.card;
          row.status.textContent = `${strings.photo} #${data.card.id} ✓`;
          row.item.classList.add("desk-photo-done");
        } else {
          const messages = Object.entries(data.errors || {});
          for (const [name, errors] of messages) {
            if (row.fields[name]) {
              row.fields[name].error.hidden = false;
              row.fields[name].error.textContent = errors.join(" ");
            }
          }
          row.status.textContent = fill(strings.uploadFailed, {
            reason: messages.map(([, errors]) => errors.join(" ")).join(" "),
          });
          if (data.duplicate) row.card = data.duplicate;
        }
      } catch (error) {
        row.status.textContent = error.sessionEnded ? strings.sessionEnded : strings.networkDown;
      }
    }
    upload.disabled = false;
    if (rows.every((row) => row.card || row.failed)) {
      box.close();
      onDone(rows.filter((row) => row.card).map((row) => row.card));
    }
  });
  box.showModal();
  return box;
}
