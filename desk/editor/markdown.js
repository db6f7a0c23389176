// The stored body format, read and written: Markdown as Python-Markdown reads
// it (articles/body.py), with `[[kind:id]]` embed lines.
//
// markdown-it reads the body into the editor (with a rule for embed lines, and
// CJK-friendly emphasis so `**"인용"**이라고` is bold as Python-Markdown makes
// it); the serializer writes what Python-Markdown renders the same way:
// nested lists indented by four spaces, hard breaks as two trailing spaces,
// code blocks indented, and no escape that Python-Markdown would print (it
// knows no `\~`: "3~4일" stays as typed).
import MarkdownIt from "markdown-it";
import cjkFriendly from "markdown-it-cjk-friendly";
import {
  MarkdownParser,
  MarkdownSerializer,
  MarkdownSerializerState,
  defaultMarkdownParser,
  defaultMarkdownSerializer,
} from "prosemirror-markdown";
import { schema } from "./schema.js";

const EMBED_LINE = /^ {0,3}\[\[(image|quote|article):(\d{1,18})\]\][ \t]*$/;

function embedRule(state, startLine, endLine, silent) {
  const start = state.bMarks[startLine] + state.tShift[startLine];
  const line = state.src.slice(state.bMarks[startLine], state.eMarks[startLine]);
  if (state.sCount[startLine] - state.blkIndent >= 4 || state.src[start] !== "[") return false;
  const match = EMBED_LINE.exec(line);
  if (!match) return false;
  if (silent) return true;
  const token = state.push("embed", "", 0);
  token.meta = { kind: match[1], id: match[2] };
  token.map = [startLine, startLine + 1];
  state.line = startLine + 1;
  return true;
}

function embedPlugin(md) {
  // "alt: paragraph": an embed line ends the paragraph above it, as
  // Python's side isolates embed lines whatever surrounds them.
  md.block.ruler.before("paragraph", "embed", embedRule, { alt: ["paragraph"] });
}

export const markdownIt = MarkdownIt("commonmark", { html: false }).use(cjkFriendly).use(embedPlugin);

export const parser = new MarkdownParser(schema, markdownIt, {
  ...defaultMarkdownParser.tokens,
  image: { ignore: true, noCloseToken: true },
  heading: { block: "heading", getAttrs: (tok) => ({ level: Math.min(3, Math.max(2, +tok.tag.slice(1))) }) },
  embed: { node: "embed", getAttrs: (tok) => ({ kind: tok.meta.kind, id: tok.meta.id }) },
});

// Python-Markdown's escapable characters are \ ` * _ { } [ ] ( ) # + - . ! >
// and nothing else; "<" that could open a tag is written as an entity so the
// text shows as typed (Python-Markdown would take it for HTML and nh3 drop it).
MarkdownSerializerState.prototype.esc = function esc(str, startOfLine = false) {
  str = str.replace(/[`*\\\[\]]/g, "\\$&");
  str = str.replace(/_/g, (m, i) =>
    i > 0 && i + 1 < str.length && /[\p{L}\p{N}]/u.test(str[i - 1]) && /[\p{L}\p{N}]/u.test(str[i + 1]) ? m : "\\_",
  );
  str = str.replace(/<(?=[A-Za-z/!?])/g, "&lt;");
  if (startOfLine) {
    str = str
      .replace(/^(\+[ ]|[-*>])/, "\\$&")
      .replace(/^(\s*)(#{1,6})(\s|$)/, "$1\\$2$3")
      .replace(/^(\s*\d+)\.\s/, "$1\\. ")
      .replace(/^(\s*)(={2,}|-{2,})\s*$/, "$1\\$2");
  }
  return str;
};

const INDENT = "    "; // Python-Markdown nests a list by four spaces.

export const serializer = new MarkdownSerializer(
  {
    ...defaultMarkdownSerializer.nodes,
    embed(state, node) {
      state.write(`[[${node.attrs.kind}:${node.attrs.id}]]`);
      state.closeBlock(node);
    },
    heading(state, node) {
      state.write(state.repeat("#", node.attrs.level) + " ");
      state.renderInline(node, false);
      state.closeBlock(node);
    },
    code_block(state, node) {
      // Python-Markdown reads indented code only (no fenced-code extension).
      state.wrapBlock(INDENT, null, node, () => state.text(node.textContent, false));
    },
    bullet_list(state, node) {
      state.renderList(node, INDENT, () => "- ");
    },
    ordered_list(state, node) {
      const start = node.attrs.order ?? 1;
      state.renderList(node, INDENT, (i) => `${start + i}. `);
    },
    hard_break(state, node, parent, index) {
      for (let i = index + 1; i < parent.childCount; i++) {
        if (parent.child(i).type !== node.type) {
          state.write("  \n");
          return;
        }
      }
    },
  },
  defaultMarkdownSerializer.marks,
);

/** The stored body as a document (an empty body is one empty paragraph). */
export function parseBody(markdown) {
  const text = (markdown || "").replace(/\r\n?/g, "\n");
  return parser.parse(text) || schema.node("doc", null, [schema.node("paragraph")]);
}

/** The document as the stored body: blocks apart by a blank line, one newline at the end. */
export function serializeBody(doc) {
  const out = serializer.serialize(doc, { tightLists: true }).replace(/[ \t]+$/gm, (m, offset, all) =>
    // keep the two spaces of a hard break, drop any other trailing blank
    m === "  " && all[offset + 2] === "\n" ? m : "",
  );
  return out.trim() ? out.replace(/\n*$/, "\n") : "";
}
