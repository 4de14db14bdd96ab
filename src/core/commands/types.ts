/** What the host commands of an operation are made of. */

import type { QmpCommand } from '../export/qmpCommand';

export type { QmpCommand } from '../export/qmpCommand';

/** The commands that do on a real host what an operation does to the document. */
export interface HostCommands {
  /** POSIX sh lines running virsh; `#` lines where virsh has no equivalent. */
  readonly virsh: readonly string[];
  /** QMP commands in order; where a job must reach a state first, `notes` says so. */
  readonly qmp: readonly QmpCommand[];
  /**
   * POSIX sh lines to run before the QMP commands: QMP's blockdev-add opens
   * images, it does not create them (virsh creates its own files).
   */
  readonly prepare: readonly string[];
  /** What to wait for between QMP commands, and what QEMU refuses (one sentence each). */
  readonly notes: readonly string[];
}
