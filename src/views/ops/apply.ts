/**
 * Applying an operation from the UI: through the editor's gateway (`runOp`,
 * one undo step), keeping the document from before so the "What happened"
 * panel can list what left and compute the host commands from
 * (before, request, after). Two-phase jobs start and end here too.
 */
import type { HostCommands } from '../../core/commands';
import { derive } from '../../core/derive';
import type { DomainDoc } from '../../core/model/types';
import type { OpResult } from '../../core/ops';
import type { JobEnd } from '../../core/ops/jobs';
import type { OpRequest } from '../../core/ops/request';
import { commandsOf, perform } from '../../core/operations/registry';
import { applyDraft, runOp, useEditor } from '../../state/store';
import type { JobRequest } from './store';
import { setRecord } from './store';

type Explain = (before: DomainDoc, after: DomainDoc) => { commands: HostCommands | null; note: string | null };

/** The commands, or none with the reason when the generator fails (a bug there must not lose the applied operation). */
function commandsFor(before: DomainDoc, req: OpRequest, after: DomainDoc): { commands: HostCommands | null; note: string | null } {
  try {
    return { commands: commandsOf(before, req, after), note: null };
  } catch (e) {
    return { commands: null, note: `The host commands could not be worked out: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** Runs `run` through the gateway; on success records the change for the panel. Returns the refusal reason, or null. */
export function applyOp(label: string, run: (doc: DomainDoc) => OpResult, explain?: Explain): string | null {
  // Apply pending typing first, so `before` is the document the operation really runs on (runOp refuses broken typing).
  if (useEditor.getState().draft) applyDraft();
  const before = useEditor.getState().doc;
  const reason = runOp(label, run);
  if (reason !== null) return reason;
  const s = useEditor.getState();
  const { commands, note } = explain ? explain(before, s.doc) : { commands: null, note: null };
  if (s.lastChange) setRecord({ change: s.lastChange, before, after: s.doc, commands, commandsNote: note });
  return null;
}

export function applyRequestOp(label: string, req: OpRequest): string | null {
  return applyOp(label, (d) => perform(d, req), (before, after) => commandsFor(before, req, after));
}

/** Starts a copy job (`req` a copy request) or an active-commit job (a commit request) on a running guest: its first phase. */
export function startJob(label: string, req: JobRequest): string | null {
  const phase: OpRequest = req.kind === 'copy' ? { kind: 'copy-start', at: req.at, dest: req.dest, shallow: req.shallow } : { kind: 'commit-start', top: req.top, base: req.base };
  return applyRequestOp(label, phase);
}

/** Ends disk `disk`'s job: its second phase, with the commands that end it on a host (blockjob --pivot / --abort). */
export function endJob(disk: number, end: JobEnd): string | null {
  const view = derive(useEditor.getState().doc).disks[disk];
  if (!view) return 'No such disk.';
  const label = end === 'pivot' ? 'Pivot' : end === 'cancel' ? 'Cancel copy' : 'Keep overlay';
  return applyRequestOp(label, { kind: 'job-end', disk: view.target, end });
}
