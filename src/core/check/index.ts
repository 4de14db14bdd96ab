/**
 * `checkAgainst`: a document against what host tools print (issue "From the
 * host", part 2). The outputs are imported with importText into a document
 * of their own (the tools' account of the guest); its disks are matched to
 * the document's (match.ts) and each pair compared layer by layer
 * (layers.ts). Every finding sits on the document node it concerns, at that
 * node's line:col in the document's text, with its fix. Pure; never throws.
 */
import { importText } from '../import';
import type { ImportInput } from '../import';
import type { DomainDoc } from '../model/types';
import type { Diagnostic } from '../model/diagnostics';
import { sortDiagnostics } from '../validate';
import { diskExtra, diskMissing } from './disks';
import { compareDisk } from './layers';
import { matchDisks } from './match';
import type { CheckFinding, CheckOptions, CheckResult } from './types';
import { placesOf } from './where';

export type { CheckFinding, CheckFix, CheckOptions, CheckResult } from './types';
export { CHECK_CODES } from './codes';

/** Outputs that describe the running guest: their ids are its live node ids, and a disk they lack the guest lacks. */
const LIVE = new Set(['query-named-block-nodes', 'query-block', 'x-debug-query-block-graph', 'domstats']);

export function checkAgainst(doc: DomainDoc, inputs: readonly ImportInput[], options: CheckOptions = {}): CheckResult {
  const imported = importText(inputs, { dir: options.dir ?? null });
  if (!imported.ok) return { ok: false, message: imported.message };
  try {
    return { ok: true, findings: compare(doc, imported) };
  } catch (e) {
    // A bug in check must read as a message, like a reader's (the CLI never prints a stack trace).
    return { ok: false, message: `Strata could not compare the document with the host (internal error: ${e instanceof Error ? e.message : String(e)}).` };
  }
}

function compare(doc: DomainDoc, imported: Extract<ReturnType<typeof importText>, { ok: true }>): CheckFinding[] {
  const tools = imported.doc;
  const formats = imported.formats.map((f) => f.format);
  const headers = formats.includes('qemu-img-info');
  const live = doc.state === 'running' && formats.some((f) => LIVE.has(f));
  // qemu-img describes image files, not a guest: a disk it was not asked about is not missing from the guest.
  const guest = formats.some((f) => f !== 'qemu-img-info');
  const noBackingFormat = new Set(imported.diagnostics.filter((d) => d.code === 'import-backing-format-missing' && d.node).map((d) => d.node!));
  const places = placesOf(doc);
  const out: CheckFinding[] = [];
  for (const p of matchDisks(doc, tools, imported.targetsNamed)) {
    if (p.x === null) out.push(diskMissing(doc, places, tools, imported.xml, p.t!, imported.targetsNamed[p.t!] ?? false));
    else if (p.t === null) {
      // A drive with no medium is invisible to QEMU's node lists; only an output that lists drives says it is gone.
      const empty = doc.disks[p.x]!.src.source === null && doc.disks[p.x]!.src.backing.length === 0;
      if (guest && (!empty || formats.some((f) => f === 'domblklist' || f === 'domstats' || f === 'query-block'))) out.push(diskExtra(doc, places, p.x));
    } else {
      // Two empty drives have nothing to compare, so a guess between them needs no note.
      if (p.byPosition && (tools.disks[p.t]!.src.source !== null || doc.disks[p.x]!.src.source !== null)) out.push(positionNote(doc, places.disk(p.x), p.x, p.t));
      out.push(...compareDisk({ doc, disk: p.x, tools, toolDisk: p.t, places, headers, live, noBackingFormat }));
    }
  }
  return sortDiagnostics(out) as CheckFinding[];
}

function positionNote(doc: DomainDoc, at: Pick<Diagnostic, 'line' | 'col'>, x: number, t: number): CheckFinding {
  return {
    severity: 'info',
    code: 'check-disk-position',
    message: `The tools name neither this disk's target nor a top path the XML has, so their disk ${t + 1} is compared with this one, disk ${x + 1} of the XML, by place.`,
    line: at.line,
    col: at.col,
    disk: x,
    node: doc.disks[x]!.src.uid,
    fix: null,
    host: null,
  };
}
