/**
 * The XML editor's look, written only in the app's CSS variables
 * (src/styles.css), so switching `data-theme` on <html> restyles the editor
 * without re-creating it.
 */
import { EditorView } from '@codemirror/view';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { tags as t } from '@lezer/highlight';
import type { Extension } from '@codemirror/state';

const selection = 'color-mix(in srgb, var(--accent) 28%, transparent)';

const editorTheme = EditorView.theme({
  '&': {
    height: '100%',
    color: 'var(--text)',
    backgroundColor: 'var(--panel)',
    fontSize: '12.5px',
  },
  '.cm-scroller': { fontFamily: 'var(--mono)', lineHeight: '1.5' },
  '.cm-content': { caretColor: 'var(--text)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--text)' },
  '&.cm-focused': { outline: 'none' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection': {
    backgroundColor: selection,
  },
  '.cm-gutters': {
    backgroundColor: 'var(--panel-2)',
    color: 'var(--muted)',
    borderRight: '1px solid var(--border)',
  },
  '.cm-activeLine': { backgroundColor: 'color-mix(in srgb, var(--panel-2) 60%, transparent)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--border)', color: 'var(--text)' },
  '.cm-foldPlaceholder': { backgroundColor: 'var(--panel-2)', border: '1px solid var(--border)', color: 'var(--muted)' },
  '.cm-foldGutter .cm-gutterElement': { cursor: 'pointer' },
  '&.cm-focused .cm-matchingBracket': { backgroundColor: 'color-mix(in srgb, var(--ok) 25%, transparent)', outline: '1px solid var(--ok)' },
  '&.cm-focused .cm-nonmatchingBracket': { backgroundColor: 'var(--danger-soft)', outline: '1px solid var(--danger)' },
  '.cm-searchMatch': { backgroundColor: 'var(--warn-soft)', outline: '1px solid var(--warn)' },
  '.cm-searchMatch.cm-searchMatch-selected': { backgroundColor: 'color-mix(in srgb, var(--warn) 40%, transparent)' },
  '.cm-selectionMatch': { backgroundColor: 'color-mix(in srgb, var(--accent) 14%, transparent)' },
  '.cm-panels': { backgroundColor: 'var(--panel-2)', color: 'var(--text)' },
  '.cm-panels.cm-panels-top': { borderBottom: '1px solid var(--border)' },
  '.cm-panels.cm-panels-bottom': { borderTop: '1px solid var(--border)' },
  '.cm-panel input, .cm-panel button, .cm-panel label': { color: 'var(--text)' },
  '.cm-textfield': { backgroundColor: 'var(--panel)', border: '1px solid var(--border)' },
  '.cm-button': { backgroundImage: 'none', backgroundColor: 'var(--panel)', border: '1px solid var(--border)' },
  '.cm-tooltip': { backgroundColor: 'var(--panel)', color: 'var(--text)', border: '1px solid var(--border)' },
  '.cm-tooltip-lint': { fontFamily: 'var(--font)', maxWidth: '36em' },
  '.cm-diagnostic-error': { borderLeftColor: 'var(--danger)' },
  '.cm-diagnostic-warning': { borderLeftColor: 'var(--warn)' },
  '.cm-diagnostic-info': { borderLeftColor: 'var(--accent)' },
  '.cm-lintRange-error': { backgroundColor: 'var(--danger-soft)' },
  '.cm-lintRange-warning': { backgroundColor: 'var(--warn-soft)' },
  // Inline position/id hints after a node's start tag.
  '.cm-node-hint': {
    display: 'inline-block',
    marginLeft: '1.2em',
    padding: '0 0.45em',
    borderRadius: '3px',
    fontFamily: 'var(--font)',
    fontSize: '10.5px',
    lineHeight: '1.5',
    color: 'var(--muted)',
    backgroundColor: 'var(--panel-2)',
    border: '1px solid var(--border)',
    userSelect: 'none',
    pointerEvents: 'none',
    whiteSpace: 'nowrap',
    // An inline-block inherits the line's hanging indent (hangingIndent.ts): not for the chip.
    textIndent: '0',
  },
  // The element of the node selected in another pane.
  '.cm-selected-node': { backgroundColor: 'var(--accent-soft)' },
  '.cm-selected-node.cm-activeLine': { backgroundColor: 'var(--accent-soft)' },
});

const highlight = HighlightStyle.define([
  { tag: [t.tagName, t.standard(t.tagName)], color: 'var(--accent)' },
  { tag: t.attributeName, color: 'var(--quorum)' },
  { tag: t.attributeValue, color: 'var(--ok)' },
  { tag: [t.angleBracket, t.definitionOperator], color: 'var(--muted)' },
  { tag: [t.comment, t.blockComment, t.lineComment], color: 'var(--muted)', fontStyle: 'italic' },
  { tag: [t.processingInstruction, t.documentMeta], color: 'var(--muted)' },
  { tag: [t.character, t.string], color: 'var(--warn)' },
  { tag: t.invalid, color: 'var(--danger)' },
]);

export const xmlTheme: Extension = [editorTheme, syntaxHighlighting(highlight)];
