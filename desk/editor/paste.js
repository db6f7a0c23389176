// What arrives from the clipboard, cleaned to what the body can say.
//
// The schema already drops what it does not know (styles, fonts, classes,
// images, tables' layout); this first undoes what each source does to the
// markup so that structure survives and nothing false is added:
//
// - Word: lists are paragraphs marked `mso-list` with the bullet in a
//   `mso-list:Ignore` span; `<o:p>` and conditional comments everywhere.
// - Hancom Office (HWP): upper-case tags, `font-weight:"bold"` with quotes,
//   and empty `&nbsp;` paragraphs between the real ones.
// - Google Docs: the whole fragment wrapped in `<b style="font-weight:normal"
//   id="docs-internal-guid-…">` (not bold!), bold and italic as spans' styles,
//   links through `https://www.google.com/url?q=…`.
// - Web pages: tracking parameters (utm_*, fbclid, gclid, …) and redirect
//   wrappers on links; scripts, styles, forms and images.
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

const DROP = "script, style, noscript, template, iframe, object, embed, form, input, button, select, textarea, svg, canvas, video, audio, img, picture, meta, link, title, head";

function isWordListParagraph(p) {
  const style = p.getAttribute("style") || "";
  return /mso-list:\s*l\d+/i.test(style) || /^MsoListParagraph/i.test(p.className || "");
}

function wordListInfo(p) {
  const style = p.getAttribute("style") || "";
  const level = +((/level(\d+)/i.exec(style) || [])[1] || 1);
  const marker = (p.querySelector("[style*='mso-list:Ignore' i], [style*='mso-list: Ignore' i]") || {}).textContent || "";
  const ordered = /^\s*(\d+|[a-zA-Z]|[ivxlcdm]+)[.)]/.test(marker.replace(/\u00a0/g, " "));
  return { level, ordered };
}

// Word writes a list as a run of <p style="mso-list:l0 level1 lfo1">: make them <ul>/<ol>.
function rebuildWordLists(doc) {
  const paragraphs = [...doc.querySelectorAll("p")].filter(isWordListParagraph);
  const done = new Set();
  for (const first of paragraphs) {
    if (done.has(first)) continue;
    const run = [first];
    let next = first.nextElementSibling;
    while (next && next.tagName === "P" && isWordListParagraph(next)) {
      run.push(next);
      next = next.nextElementSibling;
    }
    const stack = [];
    const root = doc.createElement(wordListInfo(first).ordered ? "ol" : "ul");
    first.before(root);
    stack.push({ list: root, level: wordListInfo(first).level });
    for (const p of run) {
      done.add(p);
      const { level, ordered } = wordListInfo(p);
      for (const ignore of p.querySelectorAll("[style*='mso-list:Ignore' i], [style*='mso-list: Ignore' i]")) ignore.remove();
      while (stack.length > 1 && level < stack[stack.length - 1].level) stack.pop();
      let top = stack[stack.length - 1];
      if (level > top.level && top.list.lastElementChild) {
        const nested = doc.createElement(ordered ? "ol" : "ul");
        top.list.lastElementChild.append(nested);
        stack.push({ list: nested, level });
        top = stack[stack.length - 1];
      }
      const li = doc.createElement("li");
      li.append(...p.childNodes);
      top.list.append(li);
      p.remove();
    }
  }
}

function unwrap(element) {
  element.replaceWith(...element.childNodes);
}

function isBlank(element) {
  return !element.textContent.replace(/[\s\u00a0\u200b]/g, "");
}

/** Clipboard HTML → HTML the schema parses into what the reporter meant. */
export function cleanPastedHTML(html) {
  // Word's and Hancom's conditional comments hide list bullets and VML shapes.
  html = html.replace(/<!--\[if[\s\S]*?<!\[endif\]-->/gi, "").replace(/<!\[if [^\]]*\]>|<!\[endif\]>/gi, "");
  const doc = new DOMParser().parseFromString(html, "text/html");
  for (const element of doc.querySelectorAll(DROP)) element.remove();
  for (const element of doc.querySelectorAll("o\\:p, [style*='display:none' i], [style*='display: none' i]")) element.remove();
  rebuildWordLists(doc);
  // Google Docs' wrapper is a <b> that is not bold.
  for (const b of doc.querySelectorAll("b[id^='docs-internal-guid'], b[style*='font-weight:normal' i]")) unwrap(b);
  for (const element of doc.querySelectorAll("[style]")) {
    // Hancom writes font-weight:"bold"; the schema reads font-weight: bold|700.
    const style = element.getAttribute("style").replace(/font-weight\s*:\s*"([^"]*)"/gi, "font-weight:$1");
    const keep = [];
    const weight = /font-weight\s*:\s*([^;]+)/i.exec(style);
    if (weight && /^(bold(er)?|[6-9]00)$/i.test(weight[1].trim())) keep.push("font-weight:bold");
    const slant = /font-style\s*:\s*([^;]+)/i.exec(style);
    if (slant && /italic|oblique/i.test(slant[1])) keep.push("font-style:italic");
    if (keep.length) element.setAttribute("style", keep.join(";"));
    else element.removeAttribute("style");
  }
  for (const a of doc.querySelectorAll("a")) {
    const href = a.getAttribute("href");
    const cleaned = href && !href.startsWith("#") ? cleanLink(href) : null;
    if (cleaned) {
      for (const name of [...a.getAttributeNames()]) if (name !== "href") a.removeAttribute(name);
      a.setAttribute("href", cleaned);
    } else {
      unwrap(a);
    }
  }
  // A table pasted from a document is its text, a paragraph per cell.
  for (const cell of doc.querySelectorAll("td, th")) {
    const p = doc.createElement("p");
    p.append(...cell.childNodes);
    cell.replaceWith(p);
  }
  for (const element of doc.querySelectorAll("table, thead, tbody, tfoot, tr, caption, colgroup, col")) unwrap(element);
  for (const p of doc.querySelectorAll("p, div, h1, h2, h3, h4, h5, h6, li")) {
    if (isBlank(p) && !p.querySelector("ul, ol")) p.remove();
  }
  for (const br of doc.querySelectorAll("br.Apple-interchange-newline")) br.remove();
  return doc.body.innerHTML;
}
