// What arrives from the clipboard, cleaned to what the body can say.
//
// The result is plain structure: paragraphs, subheads, lists, quotes, links,
// <strong> and <em>, with no attribute but a link's address and a list's
// first number. Before that, what each source does to the markup is undone so
// that the structure survives and nothing false is added (the fixtures in
// tests/desk/paste/ are written from these):
//
// - Word: lists are paragraphs marked `mso-list:l0 level1 lfo1`, the bullet
//   or number drawn as text in `<![if !supportLists]>` / `mso-list:Ignore`;
//   `<o:p>`, conditional comments and a style sheet everywhere; bold as
//   `<b style="mso-bidi-font-weight:normal">` (still bold: that property is
//   for right-to-left scripts).
// - Hancom Office (HWP): upper-case tags, `font-weight:"bold"` with quotes,
//   empty `&nbsp;` paragraphs between the real ones, tables for layout (often
//   inside a paragraph), runs of `&nbsp;` for tabs.
// - Google Docs: the whole fragment wrapped in `<b style="font-weight:normal"
//   id="docs-internal-guid-…">` (not bold!), bold and italic as spans' styles,
//   sub-lists straight inside lists, `<br>` for blank lines, links through
//   `https://www.google.com/url?q=…`.
// - Web pages: tracking parameters (utm_*, fbclid, gclid, …) and redirect
//   wrappers on links, `javascript:` links; computed styles on everything;
//   scripts, styles, forms, and images with their captions.
export const TRACKING_PARAMETER = /^(utm_[a-z_]+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|igshid|yclid|_hsenc|_hsmi|mkt_tok|ref_src|ref_url|spm|vero_id|oly_anon_id|oly_enc_id|__s)$/i;
const REDIRECTS = [
  { host: /(^|\.)google\.[a-z.]+$/, path: /^\/url$/, param: ["q", "url"] },
  { host: /^l\.facebook\.com$|^lm\.facebook\.com$/, path: /^\/l\.php$/, param: ["u"] },
  { host: /^l\.instagram\.com$/, path: /^\/$/, param: ["u"] },
  { host: /(^|\.)safelinks\.protection\.outlook\.com$/, path: /.*/, param: ["url"] },
];
const SAFE_SCHEMES = ["http:", "https:", "mailto:", "tel:"];

/** A link as it should be kept: unwrapped from redirects, without tracking; null if unsafe. */
export function cleanLink(href) {
  let url;
  try {
    url = new URL(href, "https://invalid.example/");
  } catch {
    return null;
  }
  if (!SAFE_SCHEMES.includes(url.protocol) || url.host === "invalid.example") return null;
  for (let hop = 0; hop < 3; hop++) {
    const redirect = REDIRECTS.find((r) => r.host.test(url.hostname) && r.path.test(url.pathname));
    const target = redirect && redirect.param.map((name) => url.searchParams.get(name)).find(Boolean);
    if (!target) break;
    try {
      url = new URL(target);
    } catch {
      return null;
    }
    if (!SAFE_SCHEMES.includes(url.protocol)) return null;
  }
  if (url.protocol === "http:" || url.protocol === "https:") {
    for (const name of [...url.searchParams.keys()]) {
      if (TRACKING_PARAMETER.test(name)) url.searchParams.delete(name);
    }
    if (url.hash && /^#:~:text=/.test(url.hash)) url.hash = "";
  }
  return url.toString();
}

const DROP =
  "script, style, noscript, template, iframe, object, embed, form, input, button, select, textarea, svg, canvas, video, audio, img, picture, meta, link, title, head";
const MEDIA = "img, picture, video, audio, iframe, object, embed, svg, canvas";
const BLOCK = /^(address|article|aside|blockquote|dd|details|dialog|div|dl|dt|fieldset|figcaption|figure|footer|h[1-6]|header|hr|li|main|nav|ol|p|pre|section|summary|table|tbody|td|tfoot|th|thead|tr|ul)$/i;
// What may stay on an element once cleaned: a link's address, a list's first
// number and tightness, and what ProseMirror itself puts on a copy from this
// editor (the slice's depth, an embed's kind and id), so that copying inside
// the body keeps its embeds.
const KEPT_ATTRIBUTES = {
  A: ["href"],
  OL: ["start", "data-tight"],
  UL: ["data-tight"],
  "*": ["data-pm-slice", "data-embed-kind", "data-embed-id"],
};
// Invisible formatting characters (zero-width space, bidirectional controls,
// byte-order mark) that Word and web pages leave in text; joiners stay.
const INVISIBLE = /[\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

// Pasted markup is parsed in a document that shares the page's Content
// Security Policy, which allows no inline style: parsing a style attribute (or
// a <style> block) would be refused, and reported, for every element. So
// styles are read from a renamed attribute, and style blocks never parsed.
const STYLE = "data-paste-style";
// What Word shows only to browsers that cannot draw its lists: the bullet.
const LIST_MARKER = "data-paste-list-marker";

function defuseStyles(html) {
  return html
    .replace(/<style[\s>][\s\S]*?<\/style\s*>/gi, "")
    .replace(/<[a-z][^<>]*>/gi, (tag) => tag.replace(/(\s)style(\s*=)/gi, `$1${STYLE}$2`));
}

/** An element's inline style as a map of property → value, values unquoted and lower-case. */
function declarations(element) {
  const out = new Map();
  for (const part of (element.getAttribute(STYLE) || "").split(";")) {
    const colon = part.indexOf(":");
    if (colon < 0) continue;
    const value = part
      .slice(colon + 1)
      .replace(/!important/i, "")
      .trim()
      .replace(/^(["'])(.*)\1$/, "$2");
    out.set(part.slice(0, colon).trim().toLowerCase(), value.toLowerCase());
  }
  return out;
}

// Hancom writes font-weight:"bold" (quoted), Google Docs 700, web pages 600–900.
const isBold = (weight) => /^(bold|bolder|[6-9]00)$/.test(weight);
const isNormalWeight = (weight) => /^(normal|lighter|[1-4]00)$/.test(weight);

function unwrap(element) {
  element.replaceWith(...element.childNodes);
}

function wrapChildren(element, tag) {
  const wrapper = element.ownerDocument.createElement(tag);
  wrapper.append(...element.childNodes);
  element.append(wrapper);
}

function isBlank(element) {
  return !element.textContent.replace(/[\s\u00a0\u200b]/g, "");
}

function hasBlockChild(element) {
  return [...element.children].some((child) => BLOCK.test(child.tagName));
}

// -- Word ------------------------------------------------------------------------------

// `mso-list:l0 level2 lfo1`: list l0, nesting level 2. `mso-list:Ignore` marks
// the bullet Word draws as text; `mso-list:none` is no list at all.
function wordList(p) {
  const match = /mso-list:\s*(l\d+)\s+level(\d+)/i.exec(p.getAttribute(STYLE) || "");
  return match ? { list: match[1], level: +match[2] } : null;
}

function wordMarkers(p) {
  const markers = [...p.querySelectorAll("span")].filter(
    (span) => span.hasAttribute(LIST_MARKER) || /^ignore$/i.test(declarations(span).get("mso-list") || ""),
  );
  return markers.filter((span) => !markers.some((other) => other !== span && other.contains(span)));
}

// A marker that counts: 1. a) iv. (3) 가. ㄱ) ① ㉮; anything else (· o § ▪ – ✓) is a bullet.
const ORDERED_MARKER = /^\(?(\d+|[a-z]|[ivxlcdm]+|[\uac00-\ud7a3]|[\u3131-\u314e])[.)]$|^[\u2460-\u24ff\u3200-\u32ff]$/i;

function wordMarker(p) {
  const text = wordMarkers(p)
    .map((span) => span.textContent)
    .join("")
    .replace(/[\s\u00a0]/g, "");
  const ordered = ORDERED_MARKER.test(text);
  const number = /^\(?(\d+)[.)]$/.exec(text);
  return { ordered, start: number ? +number[1] : 1 };
}

function newList(doc, marker) {
  const list = doc.createElement(marker.ordered ? "ol" : "ul");
  if (marker.ordered && marker.start !== 1) list.setAttribute("start", String(marker.start));
  return list;
}

// Word writes a list as a run of <p style="mso-list:l0 level1 lfo1">, each
// with its bullet drawn in a `mso-list:Ignore` span: make them <ul>/<ol>,
// nested by level, a new list where the run moves to another Word list.
function rebuildWordLists(doc) {
  for (const first of doc.querySelectorAll("p")) {
    if (!first.isConnected || !wordList(first)) continue;
    const run = [first];
    for (let next = first.nextElementSibling; next && next.tagName === "P" && wordList(next); next = next.nextElementSibling) run.push(next);
    let stack = [];
    let anchor = first;
    for (const p of run) {
      const { list: id, level } = wordList(p);
      const marker = wordMarker(p);
      for (const span of wordMarkers(p)) span.remove();
      while (stack.length > 1 && level < stack[stack.length - 1].level) stack.pop();
      if (!stack.length || (level <= stack[0].level && id !== stack[0].id)) {
        const root = newList(doc, marker);
        anchor.after(root);
        anchor = root;
        stack = [{ list: root, level, id }];
      } else if (level > stack[stack.length - 1].level && stack[stack.length - 1].list.lastElementChild) {
        const nested = newList(doc, marker);
        stack[stack.length - 1].list.lastElementChild.append(nested);
        stack.push({ list: nested, level, id });
      }
      const li = doc.createElement("li");
      li.append(...p.childNodes);
      stack[stack.length - 1].list.append(li);
    }
    for (const p of run) p.remove();
  }
}

// -- Every source ----------------------------------------------------------------------

// Google Docs puts a sub-list straight inside its list (<ul><li/><ul/></ul>);
// the body's lists nest inside the item above.
function nestStrayLists(doc) {
  for (const list of doc.querySelectorAll(":is(ul, ol) > :is(ul, ol)")) {
    const item = list.previousElementSibling;
    if (item && item.tagName === "LI") item.append(list);
    else {
      const li = doc.createElement("li");
      list.replaceWith(li);
      li.append(list);
    }
  }
}

// Bold and italic live in styles (Google Docs' spans, Hancom's quoted
// values, a web page's computed styles); make them <strong>/<em>, and drop a
// <b>/<i> whose style says it is not (Google Docs' wrapper). Word's
// `mso-bidi-font-weight` is another property, for right-to-left scripts.
function stylesToMarkup(doc) {
  for (const element of doc.querySelectorAll(`[${STYLE}]`)) {
    const style = declarations(element);
    const weight = style.get("font-weight") || "";
    const slant = style.get("font-style") || "";
    if (/^(B|STRONG)$/.test(element.tagName) && isNormalWeight(weight)) {
      unwrap(element);
      continue;
    }
    if (/^(I|EM)$/.test(element.tagName) && slant === "normal") {
      unwrap(element);
      continue;
    }
    if (hasBlockChild(element)) continue;
    if (isBold(weight) && !/^(B|STRONG)$/.test(element.tagName)) wrapChildren(element, "strong");
    if (/^(italic|oblique)/.test(slant) && !/^(I|EM)$/.test(element.tagName)) wrapChildren(element, "em");
  }
}

function keepOnlyMeaningfulAttributes(doc) {
  for (const element of doc.body.querySelectorAll("*")) {
    const kept = [...(KEPT_ATTRIBUTES[element.tagName] || []), ...KEPT_ATTRIBUTES["*"]];
    for (const name of element.getAttributeNames()) if (!kept.includes(name)) element.removeAttribute(name);
  }
}

function cleanLinks(doc) {
  for (const a of doc.querySelectorAll("a")) {
    const href = a.getAttribute("href");
    const cleaned = href && !href.startsWith("#") ? cleanLink(href) : null;
    if (cleaned) a.setAttribute("href", cleaned);
    else unwrap(a);
  }
}

// A table pasted from a document is its text, a paragraph per cell (Hancom
// lays out a press release's title box and contacts as tables, often inside
// a paragraph of their own).
function flattenTables(doc) {
  for (const cell of doc.querySelectorAll("td, th")) {
    const p = doc.createElement(hasBlockChild(cell) ? "div" : "p");
    p.append(...cell.childNodes);
    cell.replaceWith(p);
  }
  for (const element of doc.querySelectorAll("table, thead, tbody, tfoot, tr, caption, colgroup, col")) unwrap(element);
  for (const p of [...doc.querySelectorAll("p")].reverse()) if (hasBlockChild(p)) unwrap(p);
}

// A <br> between blocks is an empty line the source kept as a line break
// (Google Docs' blank lines): it must not become an empty paragraph.
function dropLineBreaksBetweenBlocks(doc) {
  const blockOrNothing = (node) => !node || (node.nodeType === Node.ELEMENT_NODE && BLOCK.test(node.tagName));
  const sibling = (node, direction) => {
    do node = node[direction];
    while (node && node.nodeType === Node.TEXT_NODE && !node.nodeValue.trim());
    return node;
  };
  for (const br of doc.querySelectorAll("br")) {
    if (br.parentNode !== doc.body && !BLOCK.test(br.parentNode.tagName)) continue;
    if (blockOrNothing(sibling(br, "previousSibling")) && blockOrNothing(sibling(br, "nextSibling"))) br.remove();
  }
}

// Word, Hancom and Google Docs space with &nbsp; (and Hancom tabs with runs
// of them): in the body a space is a space.
function plainSpaces(doc) {
  const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.nodeValue.replace(/\u00a0/g, " ").replace(INVISIBLE, "");
    if (text !== node.nodeValue) node.nodeValue = text;
  }
}

/** Clipboard HTML → HTML the schema parses into what the reporter meant. */
export function cleanPastedHTML(html) {
  // Word's conditional comments hide its settings and VML shapes; what it
  // shows to other browsers is kept, the list bullets marked as such.
  html = html
    .replace(/<!--\[if[\s\S]*?<!\[endif\]-->/gi, "")
    .replace(/<!\[if !supportLists\]>([\s\S]*?)<!\[endif\]>/gi, `<span ${LIST_MARKER}>$1</span>`)
    .replace(/<!\[if [^\]]*\]>|<!\[endif\]>/gi, "");
  const doc = new DOMParser().parseFromString(defuseStyles(html), "text/html");
  // A photo's caption without its photo is about nothing (and the photo enters
  // the body only as an embed of the library's record).
  for (const figure of doc.querySelectorAll("figure")) if (figure.querySelector(MEDIA)) figure.remove();
  for (const element of doc.querySelectorAll(DROP)) element.remove();
  for (const element of doc.querySelectorAll("o\\:p, br.Apple-interchange-newline")) element.remove();
  for (const element of doc.querySelectorAll(`[${STYLE}]`)) if (declarations(element).get("display") === "none") element.remove();
  rebuildWordLists(doc);
  for (const b of doc.querySelectorAll("b[id^='docs-internal-guid']")) unwrap(b);
  stylesToMarkup(doc);
  // A subhead is bold by itself: no bold inside it.
  for (const bold of doc.querySelectorAll(":is(h1, h2, h3, h4, h5, h6) :is(b, strong)")) unwrap(bold);
  keepOnlyMeaningfulAttributes(doc);
  cleanLinks(doc);
  nestStrayLists(doc);
  // A list from a document is tight, as the body writes lists (a loose one
  // would be stored with blank lines between its items, each a paragraph).
  for (const list of doc.querySelectorAll("ul, ol")) list.setAttribute("data-tight", "true");
  flattenTables(doc);
  dropLineBreaksBetweenBlocks(doc);
  plainSpaces(doc);
  for (const element of [...doc.querySelectorAll("p, div, h1, h2, h3, h4, h5, h6, li, blockquote")].reverse()) {
    if (isBlank(element) && !element.querySelector("ul, ol, hr, [data-embed-kind]") && !element.matches("[data-embed-kind], [data-pm-slice]")) {
      element.remove();
    }
  }
  return doc.body.innerHTML;
}
