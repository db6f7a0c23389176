// The body editor: ProseMirror over the stored Markdown.
//
// The textarea stays the form's field: the editor writes the body into it after
// every change, so a save posts exactly what the reader will get. While an
// input method composes a syllable (Korean, Japanese, Chinese), nothing here
// touches the document or the page: changes are announced, and queued work
// (a card's data, the toolbar's state) done, only once composition ends.
import { baseKeymap, chainCommands, exitCode, setBlockType, toggleMark, wrapIn, lift } from "prosemirror-commands";
import { dropCursor } from "prosemirror-dropcursor";
import { gapCursor } from "prosemirror-gapcursor";
import { history, redo, undo } from "prosemirror-history";
import {
  inputRules,
  textblockTypeInputRule,
  wrappingInputRule,
  undoInputRule,
} from "prosemirror-inputrules";
import { keymap } from "prosemirror-keymap";
import { liftListItem, sinkListItem, splitListItem, wrapInList } from "prosemirror-schema-list";
import { EditorState, NodeSelection, TextSelection } from "prosemirror-state";
import { EditorView } from "prosemirror-view";
import { EmbedView, rememberCard } from "./cards.js";
import { parseBody, serializeBody } from "./markdown.js";
import { cleanLink, cleanPastedHTML } from "./paste.js";
import { schema } from "./schema.js";

const nodes = schema.nodes;
const marks = schema.marks;

function rules() {
  return inputRules({
    rules: [
      textblockTypeInputRule(/^(#{2,3})\s$/, nodes.heading, (match) => ({ level: match[1].length })),
      wrappingInputRule(/^\s*([-+*])\s$/, nodes.bullet_list),
      wrappingInputRule(
        /^(\d+)\.\s$/,
        nodes.ordered_list,
        (match) => ({ order: +match[1] }),
        (match, node) => node.childCount + node.attrs.order === +match[1],
      ),
      wrappingInputRule(/^\s*>\s$/, nodes.blockquote),
    ],
  });
}

function markActive(state, type) {
  const { from, $from, to, empty } = state.selection;
  if (empty) return !!type.isInSet(state.storedMarks || $from.marks());
  return state.doc.rangeHasMark(from, to, type);
}

function blockActive(state, type, attrs = {}) {
  const { $from } = state.selection;
  for (let depth = $from.depth; depth >= 0; depth--) {
    const node = $from.node(depth);
    if (node.type === type && Object.entries(attrs).every(([key, value]) => node.attrs[key] === value)) return true;
  }
  return false;
}

/** Where to put a block after the one the cursor is in (or at the drop point). */
function blockInsertPos(state, pos) {
  const $pos = state.doc.resolve(pos ?? state.selection.to);
  if ($pos.depth === 0) return $pos.pos;
  return $pos.after(1);
}

export function createBodyEditor(textarea, options) {
  const strings = options.strings;
  const host = document.createElement("div");
  host.className = "desk-editor";
  const toolbar = document.createElement("div");
  toolbar.className = "desk-toolbar";
  toolbar.setAttribute("role", "toolbar");
  toolbar.setAttribute("aria-label", strings.toolbar);
  const mount = document.createElement("div");
  mount.className = "desk-editor-mount";
  host.append(toolbar, mount);
  textarea.after(host);
  textarea.classList.add("desk-body-source");
  textarea.hidden = true;

  const listeners = new Set();
  const idleQueue = [];
  let lastBody = textarea.value;
  let view;

  function composing() {
    return !!(view && view.composing);
  }

  /** Run `fn` now, or once the input method has finished composing. */
  function whenIdle(fn) {
    if (composing()) idleQueue.push(fn);
    else fn();
  }

  function flush() {
    if (composing()) return;
    while (idleQueue.length) idleQueue.shift()();
    const body = serializeBody(view.state.doc);
    if (body !== lastBody) {
      lastBody = body;
      textarea.value = body;
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
      for (const listener of listeners) listener(body);
    }
    updateToolbar();
  }

  const linkCommand = (state, dispatch) => {
    if (!dispatch) return true;
    if (markActive(state, marks.link)) {
      toggleMark(marks.link)(state, dispatch);
      return true;
    }
    options.askLink((href) => {
      const url = cleanLink(href.trim());
      if (!url) return false;
      const { state: now } = view;
      if (now.selection.empty) {
        const text = schema.text(href.trim(), [marks.link.create({ href: url })]);
        view.dispatch(now.tr.replaceSelectionWith(text, false));
      } else {
        toggleMark(marks.link, { href: url })(now, view.dispatch);
      }
      view.focus();
      return true;
    });
    return true;
  };

  const buttons = [
    { label: strings.paragraph, text: "¶", run: setBlockType(nodes.paragraph), active: (s) => blockActive(s, nodes.paragraph) },
    { label: strings.heading2, text: "H2", run: setBlockType(nodes.heading, { level: 2 }), active: (s) => blockActive(s, nodes.heading, { level: 2 }) },
    { label: strings.heading3, text: "H3", run: setBlockType(nodes.heading, { level: 3 }), active: (s) => blockActive(s, nodes.heading, { level: 3 }) },
    { separator: true },
    { label: strings.bold, text: "B", className: "desk-b", run: toggleMark(marks.strong), active: (s) => markActive(s, marks.strong) },
    { label: strings.italic, text: "I", className: "desk-i", run: toggleMark(marks.em), active: (s) => markActive(s, marks.em) },
    { label: strings.link, text: strings.linkShort, run: linkCommand, active: (s) => markActive(s, marks.link) },
    { separator: true },
    { label: strings.bulletList, text: "•", run: wrapInList(nodes.bullet_list), active: (s) => blockActive(s, nodes.bullet_list) },
    { label: strings.orderedList, text: "1.", run: wrapInList(nodes.ordered_list), active: (s) => blockActive(s, nodes.ordered_list) },
    { label: strings.blockquote, text: "❝", run: wrapIn(nodes.blockquote), active: (s) => blockActive(s, nodes.blockquote) },
    { label: strings.lift, text: "⇤", run: chainCommands(liftListItem(nodes.list_item), lift) },
    { separator: true },
    { label: strings.undo, text: "↶", run: undo },
    { label: strings.redo, text: "↷", run: redo },
    { separator: true },
    ...options.insertButtons,
  ];

  const buttonElements = [];
  for (const spec of buttons) {
    if (spec.separator) {
      const gap = document.createElement("span");
      gap.className = "desk-toolbar-gap";
      gap.setAttribute("aria-hidden", "true");
      toolbar.append(gap);
      continue;
    }
    const button = document.createElement("button");
    button.type = "button";
    button.className = `desk-tool ${spec.className || ""}`.trim();
    button.textContent = spec.text;
    button.title = spec.label;
    // The name starts with what the button shows ("H2", "B", "1."), then says what it does.
    button.setAttribute("aria-label", spec.wide ? spec.label : `${spec.text} ${spec.label}`);
    if (spec.wide) {
      button.classList.add("desk-tool-wide");
      button.textContent = spec.label;
    }
    button.addEventListener("mousedown", (event) => event.preventDefault());
    button.addEventListener("click", () => {
      if (spec.action) spec.action();
      else {
        spec.run(view.state, view.dispatch, view);
        view.focus();
      }
    });
    if (spec.active) button.setAttribute("aria-pressed", "false");
    buttonElements.push([button, spec]);
    toolbar.append(button);
  }

  function updateToolbar() {
    for (const [button, spec] of buttonElements) {
      if (spec.active) button.setAttribute("aria-pressed", String(!!spec.active(view.state)));
      if (spec.run && !spec.action) button.disabled = !spec.run(view.state);
    }
  }

  const keys = keymap({
    "Mod-z": undo,
    "Shift-Mod-z": redo,
    "Mod-y": redo,
    Backspace: undoInputRule,
    "Mod-b": toggleMark(marks.strong),
    "Mod-i": toggleMark(marks.em),
    "Mod-k": linkCommand,
    "Shift-Enter": chainCommands(exitCode, (state, dispatch) => {
      if (dispatch) dispatch(state.tr.replaceSelectionWith(nodes.hard_break.create()).scrollIntoView());
      return true;
    }),
    Enter: splitListItem(nodes.list_item),
    "Mod-[": liftListItem(nodes.list_item),
    "Mod-]": sinkListItem(nodes.list_item),
    "Mod-Alt-0": setBlockType(nodes.paragraph),
    "Mod-Alt-2": setBlockType(nodes.heading, { level: 2 }),
    "Mod-Alt-3": setBlockType(nodes.heading, { level: 3 }),
  });

  const cardOptions = { strings, cardsUrl: options.cardsUrl, whenIdle };

  function files(list) {
    return [...(list || [])].filter((file) => /^image\//.test(file.type));
  }

  view = new EditorView(mount, {
    state: EditorState.create({
      doc: parseBody(textarea.value),
      plugins: [rules(), keys, keymap(baseKeymap), history(), dropCursor(), gapCursor()],
    }),
    nodeViews: { embed: (node, v, getPos) => new EmbedView(node, v, getPos, cardOptions) },
    attributes: {
      class: "desk-prose",
      role: "textbox",
      "aria-multiline": "true",
      "aria-label": strings.body,
      spellcheck: "true",
      lang: options.language || document.documentElement.lang || "ko",
    },
    transformPastedHTML: cleanPastedHTML,
    handlePaste(v, event) {
      const photos = files(event.clipboardData && event.clipboardData.files);
      if (photos.length && options.onPhotos) {
        options.onPhotos(photos, v.state.selection.to);
        return true;
      }
      return false;
    },
    handleDrop(v, event) {
      const photos = files(event.dataTransfer && event.dataTransfer.files);
      if (!photos.length || !options.onPhotos) return false;
      event.preventDefault();
      const at = v.posAtCoords({ left: event.clientX, top: event.clientY });
      options.onPhotos(photos, at ? at.pos : v.state.selection.to);
      return true;
    },
    dispatchTransaction(tr) {
      view.updateState(view.state.apply(tr));
      if (tr.docChanged || tr.selectionSet) flush();
    },
  });
  view.dom.addEventListener("compositionend", () => setTimeout(flush, 0));
  // Keep the hidden textarea's label working: clicking it focuses the editor.
  if (textarea.id) {
    for (const label of document.querySelectorAll(`label[for="${textarea.id}"]`)) {
      label.addEventListener("click", (event) => {
        event.preventDefault();
        view.focus();
      });
    }
  }
  updateToolbar();

  return {
    view,
    host,
    toolbar,
    whenIdle,
    composing,
    focus: () => view.focus(),
    onChange: (listener) => listeners.add(listener),
    getMarkdown: () => (composing() ? lastBody : serializeBody(view.state.doc)),
    text: () => view.state.doc.textBetween(0, view.state.doc.content.size, "\n", "\n"),
    setMarkdown(markdown) {
      const doc = parseBody(markdown);
      view.updateState(EditorState.create({ doc, plugins: view.state.plugins }));
      lastBody = null;
      flush();
    },
    /** Put embeds (`[{kind, id, card?}]`) after the block at `pos` (default: the cursor's). */
    insertEmbeds(embeds, pos) {
      whenIdle(() => {
        let at = blockInsertPos(view.state, pos);
        let tr = view.state.tr;
        for (const embed of embeds) {
          if (embed.card) rememberCard(embed.card);
          const node = nodes.embed.create({ kind: embed.kind, id: String(embed.id) });
          tr = tr.insert(at, node);
          at += node.nodeSize;
        }
        if (at >= tr.doc.content.size) tr = tr.insert(tr.doc.content.size, nodes.paragraph.create());
        tr = tr.setSelection(TextSelection.near(tr.doc.resolve(Math.min(at + 1, tr.doc.content.size))));
        view.dispatch(tr.scrollIntoView());
        view.focus();
      });
    },
    selectEmbed(kind, id) {
      let found = null;
      view.state.doc.forEach((node, offset) => {
        if (!found && node.type === nodes.embed && node.attrs.kind === kind && node.attrs.id === String(id)) found = offset;
      });
      if (found !== null) view.dispatch(view.state.tr.setSelection(NodeSelection.create(view.state.doc, found)));
      return found !== null;
    },
  };
}

export { parseBody, serializeBody, cleanPastedHTML, cleanLink };
