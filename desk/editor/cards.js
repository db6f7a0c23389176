// Embeds as cards: a photo with its thumbnail, caption and credit; a quote with
// its speaker, date and original; a linked article with its headline.
//
// A card is drawn from the record as the desk's `embeds` endpoint describes it
// (fetched in batches, remembered for the page), always with textContent: no
// markup from the server is ever put into the editor. Each card can be moved up
// or down and removed with its buttons, or dragged.
const cache = new Map();
const waiting = new Map();
let pending = new Set();
let timer = null;

export function cardKey(kind, id) {
  return `${kind}:${id}`;
}

/** Remember cards already described (a picker's result, a just-uploaded photo). */
export function rememberCard(data) {
  const key = cardKey(data.kind, data.id);
  cache.set(key, data);
  for (const callback of waiting.get(key) || []) callback(data);
  waiting.delete(key);
}

/** The card of `kind:id`, now if known, else `callback(data)` once fetched. */
export function loadCard(url, kind, id, callback) {
  const key = cardKey(kind, id);
  if (cache.has(key)) return cache.get(key);
  if (!waiting.has(key)) waiting.set(key, []);
  waiting.get(key).push(callback);
  pending.add(key);
  clearTimeout(timer);
  timer = setTimeout(() => fetchCards(url), 20);
  return null;
}

async function fetchCards(url) {
  const keys = [...pending];
  pending = new Set();
  if (!keys.length) return;
  let found = {};
  try {
    const response = await fetch(`${url}?ids=${encodeURIComponent(keys.join(","))}`, {
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-Newsroom-Background": "1" },
    });
    if (response.ok) found = (await response.json()).embeds || {};
  } catch {
    /* offline: the cards say "not found" until the next load */
  }
  for (const key of keys) {
    const [kind, id] = key.split(":");
    rememberCard(found[key] || { kind, id, missing: true });
  }
}

function el(tag, className, text) {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text) element.textContent = text;
  return element;
}

/** Fill `box` with the card of `data` (in the desk's language, `strings`). */
export function drawCard(box, data, strings) {
  box.replaceChildren();
  const kindLabel = { image: strings.photo, quote: strings.quote, article: strings.article }[data.kind] || data.kind;
  const head = el("div", "desk-card-kind", `${kindLabel} #${data.id}`);
  box.append(head);
  if (data.missing) {
    box.append(el("p", "desk-card-missing", strings.missing));
    return;
  }
  if (data.kind === "image") {
    const figure = el("div", "desk-card-photo");
    if (data.thumb) {
      const img = el("img");
      img.src = data.thumb;
      img.alt = data.alt || "";
      img.width = 96;
      img.height = 96;
      figure.append(img);
    }
    const text = el("div", "desk-card-text");
    if (data.caption) text.append(el("p", "desk-card-caption", data.caption));
    text.append(el("p", "desk-card-credit", `${strings.credit}: ${data.credit || strings.none}`));
    if (!data.alt) text.append(el("p", "desk-card-warning", strings.noAlt));
    if (data.rights_expired) text.append(el("p", "desk-card-warning", strings.rightsExpired));
    figure.append(text);
    box.append(figure);
  } else if (data.kind === "quote") {
    box.append(el("blockquote", "desk-card-quote", data.text));
    if (data.original) {
      const original = el("p", "desk-card-original", data.original);
      if (data.original_language) original.lang = data.original_language;
      box.append(original);
    }
    box.append(el("p", "desk-card-source", [data.speaker, data.medium, data.said_on].filter(Boolean).join(" · ")));
  } else {
    box.append(el("p", "desk-card-headline", data.headline));
    if (data.status_label) box.append(el("p", "desk-card-status", data.status_label));
  }
}

/** The node view of an embed: its card, and buttons to move or remove it. */
export class EmbedView {
  constructor(node, view, getPos, options) {
    this.node = node;
    this.view = view;
    this.getPos = getPos;
    this.options = options;
    this.dom = el("div", "desk-card");
    this.dom.contentEditable = "false";
    this.dom.draggable = true;
    this.body = el("div", "desk-card-body");
    const tools = el("div", "desk-card-tools");
    const strings = options.strings;
    tools.append(
      this.button("↑", strings.moveUp, () => this.move(-1)),
      this.button("↓", strings.moveDown, () => this.move(1)),
      this.button("✕", strings.remove, () => this.remove()),
    );
    this.dom.append(this.body, tools);
    this.draw();
  }

  button(symbol, label, action) {
    const button = el("button", "desk-card-button", symbol);
    button.type = "button";
    button.title = label;
    button.setAttribute("aria-label", label);
    button.addEventListener("mousedown", (event) => event.preventDefault());
    button.addEventListener("click", (event) => {
      event.preventDefault();
      action();
    });
    return button;
  }

  draw() {
    const { kind, id } = this.node.attrs;
    this.dom.dataset.embedKind = kind;
    this.dom.dataset.embedId = id;
    this.dom.setAttribute("aria-label", `[[${kind}:${id}]]`);
    const data = loadCard(this.options.cardsUrl, kind, id, (loaded) => this.options.whenIdle(() => this.fill(loaded)));
    this.fill(data || { kind, id, loading: true });
  }

  fill(data) {
    if (data.loading) {
      this.body.replaceChildren(el("div", "desk-card-kind", `[[${data.kind}:${data.id}]]`));
      return;
    }
    if (data.kind !== this.node.attrs.kind || String(data.id) !== String(this.node.attrs.id)) return;
    drawCard(this.body, data, this.options.strings);
  }

  move(direction) {
    const pos = this.getPos();
    if (pos === undefined) return;
    const { state } = this.view;
    const $pos = state.doc.resolve(pos);
    const parent = $pos.parent;
    const index = $pos.index();
    const target = index + direction;
    if (target < 0 || target >= parent.childCount) return;
    const node = this.node;
    let tr = state.tr.delete(pos, pos + node.nodeSize);
    let insertAt;
    if (direction < 0) {
      insertAt = pos - parent.child(target).nodeSize;
    } else {
      insertAt = pos + parent.child(target).nodeSize;
    }
    tr = tr.insert(insertAt, node);
    this.view.dispatch(tr.scrollIntoView());
    this.view.focus();
  }

  remove() {
    const pos = this.getPos();
    if (pos === undefined) return;
    this.view.dispatch(this.view.state.tr.delete(pos, pos + this.node.nodeSize));
    this.view.focus();
  }

  update(node) {
    if (node.type !== this.node.type) return false;
    const changed = node.attrs.kind !== this.node.attrs.kind || node.attrs.id !== this.node.attrs.id;
    this.node = node;
    if (changed) this.draw();
    return true;
  }

  selectNode() {
    this.dom.classList.add("desk-card-selected");
  }

  deselectNode() {
    this.dom.classList.remove("desk-card-selected");
  }

  stopEvent(event) {
    return event.target instanceof Element && !!event.target.closest(".desk-card-button");
  }

  ignoreMutation() {
    return true;
  }
}
