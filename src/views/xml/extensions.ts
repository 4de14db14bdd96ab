/**
 * The editor's extensions, chosen one by one instead of `basicSetup` so that
 * CodeMirror's own undo history is left out: Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y
 * go to the store's global history (both panes share one).
 */
import { Prec } from '@codemirror/state';
import type { Extension } from '@codemirror/state';
import {
  EditorView,
  crosshairCursor,
  drawSelection,
  dropCursor,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
  rectangularSelection,
} from '@codemirror/view';
import { defaultKeymap } from '@codemirror/commands';
import { bracketMatching, foldGutter, foldKeymap, indentOnInput } from '@codemirror/language';
import { highlightSelectionMatches, search, searchKeymap } from '@codemirror/search';
import { lintGutter, lintKeymap } from '@codemirror/lint';
import { xml } from '@codemirror/lang-xml';
import { xmlTheme } from './theme';
import { nodeLayer } from './nodeLayer';
import { BIG_TEXT_CHARS } from '../../state/bigRead';

/**
 * The XML language for a text of `chars` characters: none from BIG_TEXT_CHARS (the size read in a worker). Its
 * parser runs on the main thread over the whole text when the view is at the end (after a paste): a 1 MB chain
 * took 2.4 s of background slices of up to 100 ms each (CPU profile, issue 12). Big texts are plain text, as
 * VS Code turns tokenisation off for large files (docs/decisions.md, "Big documents").
 */
export function xmlLanguage(chars: number): Extension {
  return chars >= BIG_TEXT_CHARS ? [] : xml();
}

export interface XmlEditorHooks {
  undo(): void;
  redo(): void;
  /** Ctrl+S / Cmd+S and blur: apply the typing now. */
  apply(): void;
}

export function xmlExtensions(hooks: XmlEditorHooks): Extension[] {
  const run = (f: () => void) => (): boolean => {
    f();
    return true;
  };
  return [
    // Ctrl/Cmd+Z and +Shift+Z by hand: a keymap looks "Shift-z" up as plain "Mod-z" when the
    // key arrives lowercase, and would undo instead of redo.
    Prec.highest(
      EditorView.domEventHandlers({
        keydown: (e) => {
          if (!(e.ctrlKey || e.metaKey) || e.altKey || e.key.toLowerCase() !== 'z') return false;
          e.preventDefault();
          if (e.shiftKey) hooks.redo();
          else hooks.undo();
          return true;
        },
      }),
    ),
    Prec.highest(
      keymap.of([
        { key: 'Mod-y', run: run(hooks.redo), preventDefault: true },
        { key: 'Mod-s', run: run(hooks.apply), preventDefault: true },
      ]),
    ),
    lineNumbers(),
    highlightActiveLineGutter(),
    foldGutter(),
    lintGutter(),
    highlightSpecialChars(),
    drawSelection(),
    dropCursor(),
    indentOnInput(),
    bracketMatching(),
    rectangularSelection(),
    crosshairCursor(),
    highlightActiveLine(),
    highlightSelectionMatches(),
    search({ top: true }),
    // The XML language (syntax colours, folding) is set per document size by the controller (xmlLanguage).
    nodeLayer,
    xmlTheme,
    keymap.of([...defaultKeymap, ...searchKeymap, ...foldKeymap, ...lintKeymap]),
    EditorView.contentAttributes.of({ 'aria-label': 'XML' }),
    EditorView.domEventHandlers({
      blur: () => {
        hooks.apply();
        return false;
      },
    }),
  ];
}
