/** The store's state and the records it keeps (src/state/store.ts holds the store and its gateway). */
import type { DomainDoc } from '../core/model/types';
import type { Diagnostic } from '../core/model/diagnostics';
import type { OpSummary } from '../core/ops/types';
import type { OpRequest } from '../core/ops/request';
import type { HostCommands } from '../core/commands/types';
import type { DialogTab } from '../core/operations/nodeActions';
import type { Placement } from '../core/layout';

export interface Selection {
  readonly uid: string;
  /** Where the selection came from, so a view does not echo its own selection back. */
  readonly from: 'graph' | 'xml' | 'problems' | 'keyboard' | 'op';
}

export interface EdgeSelection {
  readonly user: string;
  readonly backing: string;
}

export interface Notice {
  readonly kind: 'info' | 'error';
  readonly text: string;
  readonly at: number;
}

export interface EditorState {
  readonly doc: DomainDoc;
  /** Problems found while reading the last applied text (a malformed index, ...). */
  readonly readDiagnostics: readonly Diagnostic[];
  /** The XML in the editor pane. Equals `savedText` unless the user has unapplied typing. */
  readonly text: string;
  /** The text that belongs to `doc` (what undo restores). */
  readonly savedText: string;
  readonly draft: boolean;
  /** Set while the draft does not parse: the graph is stale. */
  readonly parseError: Diagnostic | null;
  /** Positions the user dragged, by node uid (view state, not XML). */
  readonly dragged: Placement;
  readonly selection: Selection | null;
  /** A selected link: `backing` is a backing store (or member) of `user` (view state; never both this and `selection`). */
  readonly selectedEdge: EdgeSelection | null;
  /** The user asked to remove the selected link (Delete): the inspector asks how the chain should end. */
  readonly linkRemovalAsked: boolean;
  /** The last operation's effect, for highlighting and the status line (part of the record; undo restores it). */
  readonly lastChange: (OpSummary & { readonly label: string; readonly at: number }) | null;
  /** The last operation as "What happened" shows it; undo brings back the one before. */
  readonly record: ChangeRecord | null;
  /** The operations dialog, when open: on which tab, for which node (view state, not tracked). */
  readonly opsDialog: { readonly tab: DialogTab; readonly uid: string | null; readonly seq: number } | null;
  readonly notice: Notice | null;
  /** Bumped to ask the graph to fit the view (load, tidy). */
  readonly fitRequest: number;
  /** Nodes lit up by a query or a lesson (not a selection): the graph and the XML mark them. */
  readonly highlight: Highlight | null;
}

export interface Highlight {
  readonly uids: readonly string[];
  /** One line saying why these nodes are lit. */
  readonly reason: string;
}

/** One applied operation: the request, the documents on both sides, what it did, and how to do it on a host. */
export interface ChangeRecord {
  readonly request: OpRequest;
  readonly title: string;
  readonly before: DomainDoc;
  readonly after: DomainDoc;
  readonly summary: OpSummary;
  /** null for an edit of the document only (no host command does it). */
  readonly commands: HostCommands | null;
  /** Why there are no commands when the generator failed (a bug there must not lose the applied operation). */
  readonly commandsNote: string | null;
}

