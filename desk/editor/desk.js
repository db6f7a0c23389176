// The article form on the desk: the body editor and everything around it.
//
// Mounted from the JSON in #desk-config (desk/admin/editor.py):
// - the editor over the body's textarea, with pickers for photos, quotes and
//   articles, and the credit dialog for photos dropped, pasted or chosen;
// - the live preview beside it, refreshed half a second after typing stops;
// - autosave to the server a couple of seconds after typing stops, with a copy
//   in this browser for when the server cannot be reached, and the offer to
//   restore or discard what was not saved when the form is opened again;
// - the counts, the headline's length and the pre-publication checks;
// - a question before leaving with changes that are not saved.
// Nothing of this runs while an input method is composing: each waits for
// the editor's whenIdle().
import { cleanPastedHTML, createBodyEditor, parseBody, serializeBody } from "./editor.js";
import { askLink, creditPhotos, csrf, el, fill, openPicker, request } from "./dialogs.js";
import { countText, headlineUnits, readingMinutes, HEADLINE_FRONT_UNITS, HEADLINE_SEARCH_UNITS } from "./counts.js";

const PREVIEW_DELAY = 500;
const AUTOSAVE_DELAY = 2000;
const LOCAL_PREFIX = "newsroom-draft:";
const LOCAL_MAX_AGE = 7 * 24 * 3600 * 1000;

function time(date) {
  return date.toLocaleTimeString(document.documentElement.lang || undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

function formFields(form) {
  const data = new FormData(form);
  for (const name of [...data.keys()]) if (name.startsWith("_")) data.delete(name);
  return data;
}

function fieldsObject(form) {
  const out = {};
  for (const [name, value] of formFields(form).entries()) {
    if (typeof value !== "string" || name === "csrfmiddlewaretoken") continue;
    (out[name] = out[name] || []).push(value);
  }
  return out;
}

/** Clear this browser's copies of drafts (on logout: desk computers are shared). */
export function forgetLocalDrafts() {
  try {
    for (const key of Object.keys(localStorage)) if (key.startsWith(LOCAL_PREFIX)) localStorage.removeItem(key);
  } catch {
    /* storage unavailable */
  }
}

/** The browser's file chooser for photos, several at once; `onFiles(files)` gets them. */
function chooseFiles(onFiles) {
  const input = el("input", { type: "file", accept: "image/jpeg,image/png,image/webp,image/gif,image/avif", multiple: true, hidden: true });
  input.addEventListener("change", () => {
    if (input.files.length) onFiles([...input.files]);
    input.remove();
  });
  document.body.append(input);
  input.click();
}

/**
 * The body's editor over `textarea`, with its pickers (photos, quotes and, where
 * `articles`, earlier articles), the photo upload, and photos dropped or pasted:
 * each photo credited before it is placed. For an article's body and a live entry's.
 */
function mountBodyEditor(textarea, { strings, urls, language, articles }) {
  let editor;
  const pick = (kind, title) =>
    openPicker({ kind, url: urls.pick, strings, title, onPick: (card) => editor.insertEmbeds([{ kind, id: card.id, card }]) });
  const placePhotos = (files, pos) =>
    creditPhotos({
      files,
      urls,
      strings,
      onDone: (cards) => editor.insertEmbeds(cards.map((card) => ({ kind: "image", id: card.id, card })), pos),
    });
  const insertButtons = [
    { label: strings.insertPhoto, wide: true, action: () => pick("image", strings.searchPhotos) },
    { label: strings.uploadPhoto, wide: true, action: () => chooseFiles(placePhotos) },
    { label: strings.insertQuote, wide: true, action: () => pick("quote", strings.searchQuotes) },
  ];
  if (articles) insertButtons.push({ label: strings.insertArticle, wide: true, action: () => pick("article", strings.searchArticles) });
  editor = createBodyEditor(textarea, {
    strings,
    language,
    cardsUrl: urls.embeds,
    insertButtons,
    onPhotos: placePhotos,
    askLink: (accept) => askLink(strings, accept),
  });
  return editor;
}

function mountArticleForm(config) {
  const form = document.getElementById("article_form");
  const textarea = document.getElementById("id_body");
  if (!form || !textarea) return null;
  const strings = config.strings;
  const urls = config.urls;
  const localKey = `${LOCAL_PREFIX}${config.user}:${config.article || `new:${config.autosaveKey}`}`;
  const keyInput = form.querySelector("[name=autosave_key]");
  if (keyInput && !keyInput.value) keyInput.value = config.autosaveKey;
  const language = () => (form.querySelector("[name=language]") || {}).value || "ko";

  const editor = mountBodyEditor(textarea, { strings, urls, language: language(), articles: true });

  // -- Counts and the headline's length -------------------------------------------------
  const counts = el("p", { className: "desk-counts", id: "desk-counts", "aria-live": "off" });
  editor.host.after(counts);
  const headline = document.getElementById("id_headline");
  const headlineHint = el("p", { className: "desk-headline-hint", id: "desk-headline-hint" });
  if (headline) {
    headline.after(headlineHint);
    headline.setAttribute("aria-describedby", `${headline.getAttribute("aria-describedby") || ""} desk-headline-hint`.trim());
  }

  function updateCounts() {
    const text = editor.text();
    const c = countText(text);
    counts.textContent = [
      fill(strings.characters, { count: c.characters.toLocaleString() }),
      fill(strings.charactersNoSpaces, { count: c.noSpaces.toLocaleString() }),
      fill(strings.words, { count: c.words.toLocaleString() }),
      fill(strings.manuscriptPages, { count: c.pages }),
      fill(strings.readingTime, { count: readingMinutes(text, language()) }),
    ].join(" · ");
    if (headline) {
      const units = headlineUnits(headline.value);
      const half = (limit) => Math.round(limit / 2);
      const parts = [
        fill(strings.headlineLength, { count: [...headline.value].length }),
        fill(strings.headlineSearch, { limit: half(HEADLINE_SEARCH_UNITS) }),
        fill(strings.headlineFront, { limit: half(HEADLINE_FRONT_UNITS) }),
      ];
      headlineHint.textContent = parts.join(" · ");
      headlineHint.classList.toggle("desk-too-long", units > HEADLINE_SEARCH_UNITS);
      if (units > HEADLINE_FRONT_UNITS) headlineHint.textContent += ` — ${fill(strings.headlineTooLong, { where: strings.headlineFront.split(" ")[0] })}`;
    }
  }

  // -- Live preview ---------------------------------------------------------------------
  const frame = document.getElementById("desk-preview-frame");
  const previewState = document.getElementById("desk-preview-state");
  const checks = document.getElementById("desk-checks");
  let previewTimer = null;
  let previewSerial = 0;

  function showChecks(problems) {
    if (!checks) return;
    checks.replaceChildren();
    if (!problems.length) checks.append(el("li", { className: "desk-check-ok", text: `✓ ${strings.checksOk}` }));
    for (const problem of problems) checks.append(el("li", { className: "desk-check-problem", text: problem }));
  }

  async function refreshPreview() {
    if (editor.composing()) return editor.whenIdle(schedulePreview);
    const mine = ++previewSerial;
    let answer;
    try {
      answer = await request(urls.preview, { method: "POST", body: formFields(form) });
    } catch (error) {
      if (error.sessionEnded) return sessionEnded();
      if (previewState) previewState.textContent = strings.previewFailed;
      return;
    }
    if (mine !== previewSerial || !answer.ok) {
      if (!answer.ok && previewState) previewState.textContent = strings.previewFailed;
      return;
    }
    showChecks(answer.data.problems || []);
    const doc = frame && frame.contentDocument;
    if (doc && doc.body) {
      const fresh = new DOMParser().parseFromString(answer.data.html, "text/html");
      const scroll = frame.contentWindow.scrollY;
      doc.body.replaceWith(doc.importNode(fresh.body, true));
      frame.contentWindow.scrollTo(0, scroll);
    }
    if (previewState) previewState.textContent = fill(strings.previewUpdated, { time: time(new Date()) });
  }

  function schedulePreview() {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(refreshPreview, PREVIEW_DELAY);
  }

  const openButton = document.getElementById("desk-preview-open");
  const closeButton = document.getElementById("desk-preview-close");
  if (openButton) {
    openButton.addEventListener("click", () => {
      document.body.classList.add("desk-preview-shown");
      refreshPreview();
      closeButton && closeButton.focus();
    });
  }
  if (closeButton) {
    closeButton.addEventListener("click", () => {
      document.body.classList.remove("desk-preview-shown");
      openButton && openButton.focus();
    });
  }

  // -- Autosave, and the copy in this browser ------------------------------------------
  const autosaveState = document.getElementById("desk-autosave");
  let autosaveTimer = null;
  let dirty = false;
  let saving = false;
  let ended = false;

  function say(text, nodes) {
    if (!autosaveState) return;
    autosaveState.replaceChildren(text, ...(nodes || []));
  }

  function sessionEnded() {
    ended = true;
    const link = el("a", { href: urls.login, target: "_blank", rel: "noopener", text: strings.logInAgain });
    say(`${strings.sessionEnded} `, [link, strings.sessionEndedAfter]);
  }

  function keepLocally() {
    try {
      // The names of what the pickers show, so a restore from here can show them too.
      const labels = {};
      for (const select of form.querySelectorAll("select")) {
        for (const option of select.selectedOptions) labels[`${select.name}:${option.value}`] = option.textContent;
      }
      localStorage.setItem(
        localKey,
        JSON.stringify({ savedAt: new Date().toISOString(), version: config.version, fields: fieldsObject(form), labels }),
      );
    } catch {
      /* full or disabled: the server copy still counts */
    }
  }

  async function autosave() {
    if (editor.composing()) return editor.whenIdle(scheduleAutosave);
    if (saving) return scheduleAutosave();
    saving = true;
    keepLocally();
    say(strings.autosaving);
    try {
      const answer = await request(urls.autosave, { method: "POST", body: formFields(form) });
      if (answer.ok) {
        ended = false;
        say(fill(strings.autosaved, { time: time(new Date()) }));
      } else {
        say(fill(strings.autosaveLocal, { time: time(new Date()) }));
      }
    } catch (error) {
      if (error.sessionEnded) sessionEnded();
      else say(fill(strings.autosaveLocal, { time: time(new Date()) }));
    } finally {
      saving = false;
    }
  }

  function scheduleAutosave() {
    clearTimeout(autosaveTimer);
    autosaveTimer = setTimeout(autosave, AUTOSAVE_DELAY);
  }

  function changed() {
    dirty = true;
    editor.whenIdle(() => {
      updateCounts();
      schedulePreview();
      scheduleAutosave();
    });
  }

  editor.onChange(changed);
  form.addEventListener("input", (event) => {
    if (event.target === textarea) return; // the editor announced it already
    changed();
  });
  form.addEventListener("change", (event) => {
    if (event.target !== textarea) changed();
  });
  form.addEventListener("submit", () => {
    keepLocally(); // if the save fails on the way, the text is offered back
    // After a login in another tab the form's token is stale; the cookie's is not.
    const token = form.querySelector("input[name=csrfmiddlewaretoken]");
    if (token) token.value = csrf();
    dirty = false;
  });
  window.addEventListener("beforeunload", (event) => {
    if (!dirty) return undefined;
    event.preventDefault();
    event.returnValue = strings.leaveWarning;
    return strings.leaveWarning;
  });

  // -- What was not saved, offered back -------------------------------------------------
  function currentFields() {
    const out = {};
    for (const name of config.restoredFields) {
      const input = form.elements[name];
      if (!input) continue;
      if (name === "body") out[name] = editor.getMarkdown();
      else if (input.multiple) out[name] = [...input.selectedOptions].map((option) => option.value).join(",");
      else out[name] = input.value;
    }
    return out;
  }

  function differs(draft) {
    const now = currentFields();
    const norm = (value) => (value || "").replace(/\r\n?/g, "\n").trim();
    const texts = Object.entries(draft.fields || {}).some(([name, value]) => name in now && norm(now[name]) !== norm(value));
    const picks = Object.entries(draft.choices || {}).some(
      ([name, chosen]) => name in now && chosen.map((choice) => choice.value).join(",") !== now[name],
    );
    return texts || picks;
  }

  /** Choose `chosen` ([{value, label}]) in a select, the desk's autocomplete ones included. */
  function choose(select, chosen) {
    const wanted = new Set(chosen.map((choice) => choice.value));
    for (const option of select.options) option.selected = wanted.has(option.value);
    for (const { value, label } of chosen) {
      if (![...select.options].some((option) => option.value === value)) select.add(new Option(label, value, true, true));
    }
    if (!chosen.length && !select.multiple) select.value = "";
    select.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function restore(draft) {
    for (const [name, value] of Object.entries(draft.fields)) {
      if (name === "body") editor.setMarkdown(value);
      else if (form.elements[name]) form.elements[name].value = value;
    }
    for (const [name, chosen] of Object.entries(draft.choices || {})) {
      const select = form.elements[name];
      if (select && select.tagName === "SELECT") choose(select, chosen);
    }
    // Text written on an older version goes back as that version: if someone
    // saved since, the save is refused with the difference (never a silent overwrite).
    const opened = form.elements.opened_version;
    if (opened && draft.baseVersion && config.version && draft.baseVersion < config.version) {
      opened.value = String(draft.baseVersion);
    }
    changed();
  }

  function readLocal() {
    try {
      const kept = JSON.parse(localStorage.getItem(localKey) || "null");
      if (!kept || Date.now() - Date.parse(kept.savedAt) > LOCAL_MAX_AGE) return null;
      const fields = {};
      const choices = {};
      for (const name of config.restoredFields) {
        const values = kept.fields[name];
        if (!values) continue;
        const input = form.elements[name];
        if (input && input.tagName === "SELECT" && name !== "language") {
          choices[name] = values.filter(Boolean).map((value) => ({ value, label: (kept.labels || {})[`${name}:${value}`] || `#${value}` }));
        } else {
          fields[name] = values.slice(-1)[0];
        }
      }
      return { savedAt: kept.savedAt, fields, choices, baseVersion: kept.version, local: true };
    } catch {
      return null;
    }
  }

  function offer() {
    const server = config.draft && differs(config.draft) ? config.draft : null;
    const local = readLocal();
    const localNewer = local && differs(local) && (!server || Date.parse(local.savedAt) > Date.parse(server.savedAt));
    if (local && !localNewer && (!server || !differs(local))) {
      try {
        localStorage.removeItem(localKey); // saved since, or the same as the server's copy
      } catch {
        /* ignore */
      }
    }
    const draft = localNewer ? local : server;
    if (!draft) return;
    const box = document.getElementById("desk-draft-offer");
    const when = draft.label || time(new Date(draft.savedAt));
    const restoreButton = el("button", { type: "button", className: "button default", text: strings.restore });
    const discardButton = el("button", { type: "button", className: "button", text: strings.discard });
    const showButton = el("button", { type: "button", className: "button", text: strings.showDifference });
    const difference = el("div", { className: "desk-draft-difference", hidden: true });
    box.replaceChildren(
      el("p", { text: fill(draft.local ? strings.draftOfferLocal : strings.draftOffer, { time: when }) }),
      el("div", { className: "desk-dialog-buttons" }, restoreButton, discardButton, showButton),
      difference,
    );
    box.hidden = false;
    restoreButton.addEventListener("click", () => {
      restore(draft);
      box.replaceChildren(el("p", { text: strings.restored }));
      setTimeout(() => (box.hidden = true), 4000);
    });
    discardButton.addEventListener("click", async () => {
      box.hidden = true;
      try {
        localStorage.removeItem(localKey);
      } catch {
        /* ignore */
      }
      const body = new FormData();
      body.append("_discard", "1");
      body.append("autosave_key", config.autosaveKey);
      try {
        await request(urls.autosave, { method: "POST", body });
      } catch {
        /* offered again next time */
      }
    });
    showButton.addEventListener("click", async () => {
      const body = new FormData();
      const now = currentFields();
      for (const name of ["headline", "dek", "body"]) {
        body.append(`old_${name}`, now[name] || "");
        body.append(`new_${name}`, draft.fields[name] ?? now[name] ?? "");
      }
      const answer = await request(urls.difference, { method: "POST", body });
      difference.replaceChildren();
      for (const part of answer.data.fields || []) {
        const section = el("section", {}, el("h3", { text: part.field }));
        // The server's diff (articles/diff.py) escapes every word it prints.
        const html = new DOMParser().parseFromString(part.html, "text/html").body;
        section.append(...html.childNodes);
        difference.append(section);
      }
      difference.hidden = false;
      showButton.hidden = true;
    });
  }

  updateCounts();
  offer();
  if (frame) frame.addEventListener("load", () => schedulePreview(), { once: true });
  return { editor, form, autosave, refreshPreview };
}

/**
 * The live desk's entries: the body's editor on each entry's text (a new entry,
 * a correction), with the photo and quote pickers and the photo upload. An
 * entry embeds no article. The plain pickers beside the textarea (for a
 * browser without this script) step aside.
 */
function mountEntryEditors(config) {
  const { strings, urls } = config;
  const textareas = [...document.querySelectorAll("textarea[data-desk-editor]")];
  if (!textareas.length) return [];
  for (const picker of document.querySelectorAll("[data-embed-picker]")) {
    const row = picker.closest(".form-row");
    if (row) row.hidden = true;
  }
  return textareas.map((textarea) => {
    // The server checks that the entry is not empty; a hidden required field would block the form.
    textarea.required = false;
    return mountBodyEditor(textarea, { strings, urls, language: config.language, articles: false });
  });
}

/** The photo library's "Upload photos": several at once, each credited before it is stored. */
function mountPhotoLibrary(config) {
  const button = document.getElementById("desk-photo-upload");
  if (!button) return;
  button.hidden = false;
  button.addEventListener("click", () =>
    chooseFiles((files) =>
      creditPhotos({
        files,
        urls: config.urls,
        strings: config.strings,
        insertLabel: config.strings.uploadOnly,
        onDone: (cards) => {
          if (cards.length) window.location.reload();
        },
      }),
    ),
  );
}

function readConfig(id) {
  const holder = document.getElementById(id);
  return holder ? JSON.parse(holder.textContent) : null;
}

function boot() {
  const logout = document.getElementById("logout-form");
  if (logout) logout.addEventListener("submit", forgetLocalDrafts);
  const article = readConfig("desk-config");
  if (article) window.NewsroomDesk.article = mountArticleForm(article);
  const library = readConfig("desk-photos-config");
  if (library) mountPhotoLibrary(library);
  const live = readConfig("desk-live-config");
  if (live) window.NewsroomDesk.entries = mountEntryEditors(live);
}

// For the desk's other pages and the browser tests.
window.NewsroomDesk = {
  creditPhotos,
  openPicker,
  forgetLocalDrafts,
  // The body format's round trip and the paste cleaner, as the editor uses them.
  body: { parse: parseBody, serialize: serializeBody, roundTrip: (markdown) => serializeBody(parseBody(markdown)), cleanPastedHTML },
  article: null,
  entries: [],
};

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
else boot();
