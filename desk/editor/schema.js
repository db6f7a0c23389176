// The body's schema: what the stored Markdown can say, plus the embeds.
//
// Paragraphs, subheads (## and ###: the headline is the page's only <h1>),
// lists, quotes, rules, code, links, bold and italic — and an embed, a block
// of its own that stands for a `[[image:42]]`, `[[quote:7]]` or
// `[[article:123]]` line. Images are never inline: a photo enters the body
// only as an embed of the library's record, with its credit and alt text.
import { Schema } from "prosemirror-model";
import { schema as markdownSchema } from "prosemirror-markdown";

export const EMBED_KINDS = ["image", "quote", "article"];

const embed = {
  group: "block",
  atom: true,
  draggable: true,
  selectable: true,
  attrs: { kind: { default: "image" }, id: { default: "" } },
  parseDOM: [
    {
      tag: "div[data-embed-kind]",
      getAttrs: (dom) => {
        const kind = dom.getAttribute("data-embed-kind");
        const id = dom.getAttribute("data-embed-id") || "";
        return EMBED_KINDS.includes(kind) && /^\d{1,18}$/.test(id) ? { kind, id } : false;
      },
    },
  ],
  toDOM: (node) => ["div", { "data-embed-kind": node.attrs.kind, "data-embed-id": node.attrs.id }],
};

const heading = {
  ...markdownSchema.spec.nodes.get("heading"),
  content: "text*",
  attrs: { level: { default: 2 } },
  parseDOM: [
    // Pasted <h1> (Word's "Heading 1", a web page's title) becomes a subhead.
    { tag: "h1", attrs: { level: 2 } },
    { tag: "h2", attrs: { level: 2 } },
    { tag: "h3", attrs: { level: 3 } },
    { tag: "h4", attrs: { level: 3 } },
    { tag: "h5", attrs: { level: 3 } },
    { tag: "h6", attrs: { level: 3 } },
  ],
};

// A list typed or pasted is tight (no blank line between items), as reporters
// mean it: a loose list would print each item as a paragraph of its own.
function tight(name) {
  const spec = markdownSchema.spec.nodes.get(name);
  const parseDOM = spec.parseDOM.map((rule) => ({
    ...rule,
    getAttrs: (dom) => ({ ...(rule.getAttrs ? rule.getAttrs(dom) : {}), tight: true }),
  }));
  return { ...spec, attrs: { ...spec.attrs, tight: { default: true } }, parseDOM };
}

export const schema = new Schema({
  nodes: markdownSchema.spec.nodes
    .remove("image")
    .update("heading", heading)
    .update("bullet_list", tight("bullet_list"))
    .update("ordered_list", tight("ordered_list"))
    .addToEnd("embed", embed),
  marks: markdownSchema.spec.marks,
});
