/** What every registered operation provides (one module per kind in this folder). */
import type { HostCommands } from '../commands/types';
import type { DomainDoc } from '../model/types';
import type { OpResult } from '../ops/types';
import type { OpKind, RequestOf } from '../ops/request';

export interface Operation<K extends OpKind> {
  readonly kind: K;
  /** What menus, buttons, the history and "What happened" call it. */
  readonly label: string;
  /** The label of one request, when it says more than `label` ("Snapshot of 3 nodes", "Pivot"). */
  readonly title?: (req: RequestOf<K>, doc: DomainDoc) => string;
  /** Yes, or the reason why not, in words a user acts on. Pure; by default a dry run of `apply`. */
  readonly available?: (doc: DomainDoc, req: RequestOf<K>) => true | string;
  readonly apply: (doc: DomainDoc, req: RequestOf<K>) => OpResult;
  /**
   * The host commands that do the same on a real host (virsh, QMP), for a
   * running guest; null when the operation only edits the document.
   */
  readonly commands: ((before: DomainDoc, req: RequestOf<K>, after: DomainDoc) => HostCommands) | null;
}
