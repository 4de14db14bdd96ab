/**
 * What `checkAgainst` returns: every disagreement between a document and
 * what host tools print, as a diagnostic on the document's node, with the
 * fix that makes the XML agree (one registry request, so one undo step)
 * and, where the host is the one that is wrong, the command for the host.
 */
import type { Diagnostic } from '../model/diagnostics';
import type { OpRequest } from '../ops/request';

export interface CheckFix {
  /** Applied through the registry's perform (the store's gateway, or `strata op`), like any other edit. */
  readonly request: OpRequest;
  /** What the fix does, in one line (the CLI's `fix:` line). */
  readonly label: string;
  /** Set when the registry refuses the request on the document as it is (another finding's fix goes first). */
  readonly blocked?: string;
}

export interface CheckFinding extends Diagnostic {
  /** Null when the XML is right as it is (the host has to change) or no single request can fix it. */
  readonly fix: CheckFix | null;
  /** A POSIX sh line that makes the host agree with the XML instead; null where the XML is the one to change. */
  readonly host: string | null;
}

export interface CheckOptions {
  /** The directory qemu-img ran in (as for importText): relative names it printed are placed there. */
  readonly dir?: string | null;
}

export type CheckResult = { readonly ok: true; readonly findings: CheckFinding[] } | { readonly ok: false; readonly message: string };
