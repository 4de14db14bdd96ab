/**
 * `importText`: what host tools print → a Strata document (issue "From the
 * host", part 1). Each text is recognised (detect.ts) and read into an
 * observation of the guest; QEMU's own outputs about one guest are read
 * together (named nodes + block graph + query-block), the rest merged by
 * disk (merge.ts). The result is written as XML (write.ts) and loaded with
 * loadText, so it is a normal DomainDoc; the import's findings point at
 * the node they are about in that XML (JSON has no useful line:col).
 * Never throws: unreadable input is a message saying what was expected.
 */
import type { Diagnostic } from '../model/diagnostics';
import { loadText, toText } from '../io/document';
import type { Dialect, DomainDoc } from '../model/types';
import { preorder } from '../model/walk';
import { convert } from '../ops/numbering';
import { sortDiagnostics, validate } from '../validate';
import { recognise } from './detect';
import type { Recognised } from './detect';
import { disclose, guessTargets } from './findings';
import { merge } from './merge';
import { readQemuGraph } from './qemuGraph';
import { readQemuImg } from './qemuImg';
import { readBlockGraph, readNamedNodes, readQueryBlock } from './qmpNodes';
import { readQueryBlockAlone } from './queryBlock';
import type { ImpDisk, InputFormat, Note, Observation } from './types';
import { ImportError, preorderImp } from './types';
import { readDomblklist, readDomstats } from './virsh';
import { decideIds } from './ids';
import { writeImport } from './write';

export interface ImportInput {
  readonly name: string;
  readonly text: string;
}

export interface ImportOptions {
  /** The directory qemu-img ran in: relative names it printed are placed there. */
  readonly dir?: string | null;
  /** Convert the result to this dialect (a quorum cannot be libvirt). */
  readonly dialect?: Dialect;
}

/** A finding, with the input it is about (the CLI prints it as that FILE's line). */
export interface ImportDiagnostic extends Diagnostic {
  readonly input: string;
}

export type ImportResult =
  | {
      readonly ok: true;
      readonly doc: DomainDoc;
      readonly xml: string;
      readonly formats: readonly { readonly input: string; readonly format: InputFormat }[];
      readonly diagnostics: readonly ImportDiagnostic[];
      /** Per disk of `doc`: whether the outputs named its target (false: made up, see import-guessed); strata check matches by target only where it is real. */
      readonly targetsNamed: readonly boolean[];
    }
  | { readonly ok: false; readonly message: string };

export function importText(texts: readonly ImportInput[], options: ImportOptions = {}): ImportResult {
  try {
    return importAll(texts, options);
  } catch (e) {
    if (e instanceof ImportError) return { ok: false, message: e.message };
    // A reader's bug must not end in a stack trace or a half-built document.
    return { ok: false, message: `Strata could not import this (internal error: ${e instanceof Error ? e.message : String(e)}).` };
  }
}

type Seen = Recognised & { readonly input: string };

function only(seen: readonly Seen[], format: InputFormat): Seen | null {
  const list = seen.filter((s) => s.format === format);
  if (list.length > 1) throw new ImportError(`${list.map((s) => s.input).join(' and ')} are both ${format} output; give one per guest.`);
  return list[0] ?? null;
}

/** Runs a reader, naming its input in the message when the reader did not. */
function reading<T>(input: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof ImportError && !e.message.startsWith(input)) throw new ImportError(`${input}: ${e.message}`);
    throw e;
  }
}

function observe(seen: readonly Seen[], options: ImportOptions): Observation[] {
  const out: Observation[] = [];
  const nodes = only(seen, 'query-named-block-nodes');
  const graph = only(seen, 'x-debug-query-block-graph');
  const block = only(seen, 'query-block');
  // A malformed graph is reported as such before what it lacks.
  const g = graph ? reading(graph.input, () => readBlockGraph(graph.json)) : null;
  if (graph && !nodes) {
    throw new ImportError(
      `${graph.input} (x-debug-query-block-graph) has the node names and links but no file names; give query-named-block-nodes of the same guest too: virsh qemu-monitor-command DOMAIN '{"execute":"query-named-block-nodes","arguments":{"flat":true}}'.`,
    );
  }
  const devices = block ? reading(block.input, () => readQueryBlock(block.json)) : null;
  if (nodes) {
    const table = reading(nodes.input, () => readNamedNodes(nodes.json));
    const inputs = { nodes: nodes.input, graph: graph?.input ?? null, devices: block?.input ?? null };
    out.push(reading(nodes.input, () => readQemuGraph({ nodes: table, graph: g, devices, inputs })));
  } else if (block && devices) out.push(reading(block.input, () => readQueryBlockAlone(devices, block.input)));
  const list = only(seen, 'domblklist');
  if (list) out.push(reading(list.input, () => readDomblklist(list.text, list.input)));
  const stats = only(seen, 'domstats');
  if (stats) out.push(reading(stats.input, () => readDomstats(stats.text, stats.input)));
  for (const s of seen.filter((x) => x.format === 'qemu-img-info')) out.push(reading(s.input, () => readQemuImg(s.json, s.input, { dir: options.dir ?? null })));
  return out;
}

function load(text: string, what: string): DomainDoc {
  const r = loadText(text);
  if (!r.ok) throw new Error(`${what} does not read back: ${r.error.message} at ${r.error.line}:${r.error.col}`);
  return r.doc;
}

function importAll(texts: readonly ImportInput[], options: ImportOptions): ImportResult {
  if (texts.length === 0) throw new ImportError('Nothing to import: give at least one output of qemu-img, QMP or virsh.');
  const seen: Seen[] = texts.map((t) => ({ ...recognise(t.text, t.name), input: t.name }));
  const observations = observe(seen, options);
  const merged = merge(observations);
  if (merged.disks.length === 0) throw new ImportError(`${texts.map((t) => t.name).join(', ')}: no disk to import.`);
  const first = texts[0]!.name;
  const guest = observations.some((o) => o.format !== 'qemu-img-info');
  const targetsNamed = merged.disks.map((d) => d.target !== null);
  const notes: Note[] = [...merged.notes, ...guessTargets(merged.disks, first, guest), ...disclose(merged)];
  const quorum = merged.disks.some((d) => preorderImp(d.top).some((n) => n.type === 'quorum'));
  const dialect: Dialect = quorum ? 'proposal' : 'libvirt';
  notes.push(...decideIds(merged.disks, dialect, first));
  const ids = merged.disks.some((d) => preorderImp(d.top).some((n) => n.id !== null));
  const domain = merged.domain ?? (merged.disks.length > 1 ? 'DOMAIN' : null);
  if (merged.domain === null && domain !== null) {
    notes.push({ severity: 'info', code: 'import-guessed', input: first, message: "The output does not name the guest, so the domain is called DOMAIN; change <name> to the guest's name (virsh lines use it)." });
  }
  if (quorum) {
    const node = merged.disks.flatMap((d) => preorderImp(d.top)).find((n) => n.type === 'quorum');
    notes.push({ severity: 'info', code: 'import-quorum', input: first, node, message: 'libvirt cannot express a quorum (its XML allows one <backingStore> per level), so the document is in the proposal dialect; strata export qmp builds it in QEMU.' });
  }
  let doc = load(toText(load(writeImport({ disks: merged.disks, domain, dialect, ids }), 'The imported document')), 'The imported document');
  if (options.dialect && options.dialect !== doc.dialect) {
    const c = convert(doc, options.dialect);
    if (!c.ok) throw new ImportError(c.reason);
    doc = load(toText(c.doc), 'The converted document');
  }
  const xml = toText(doc);
  return { ok: true, doc, xml, formats: seen.map((s) => ({ input: s.input, format: s.format })), diagnostics: place(doc, merged.disks, notes, merged.from, first), targetsNamed };
}

/** Points each note at its node (or disk) in the document, then adds what validate finds there. */
function place(doc: DomainDoc, disks: readonly ImpDisk[], notes: readonly Note[], from: readonly Observation[], first: string): ImportDiagnostic[] {
  const where = new Map<object, { disk: number; node?: string; line: number; col: number }>();
  disks.forEach((d, i) => {
    const visits = preorder(doc.disks[i]!.src);
    const loc = doc.disks[i]!.loc;
    where.set(d, { disk: i, line: loc?.line ?? 1, col: loc?.col ?? 1 });
    preorderImp(d.top).forEach((n, p) => {
      const v = visits[p];
      if (v) where.set(n, { disk: i, node: v.node.uid, line: v.node.loc?.line ?? loc?.line ?? 1, col: v.node.loc?.col ?? loc?.col ?? 1 });
    });
  });
  const out: ImportDiagnostic[] = notes.map((n) => {
    const at = (n.node && where.get(n.node)) || (n.disk && where.get(n.disk)) || { line: 1, col: 1 };
    return { severity: n.severity, code: n.code, message: n.message, input: n.input, ...at };
  });
  for (const d of validate(doc)) out.push({ ...d, input: d.disk !== undefined ? (from[d.disk]?.input ?? first) : first });
  return sortDiagnostics(out) as ImportDiagnostic[];
}
