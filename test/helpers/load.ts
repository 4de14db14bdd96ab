/**
 * Documents for tests: the built-in examples, text read as Strata reads it,
 * and operations that must apply. Each helper throws (so the test fails
 * with the reason) where the code under test would have returned a
 * refusal: a text that does not parse stops the test at its line:col, an
 * operation that is refused stops it with the refusal's reason. `what`,
 * where given, names the input in that message (a scenario step, a tool).
 */
import { EXAMPLES } from '../../src/core/examples';
import { loadText } from '../../src/core/io/document';
import type { Diagnostic } from '../../src/core/model/diagnostics';
import type { DomainDoc } from '../../src/core/model/types';
import { derive } from '../../src/core/numbers/derive';
import type { DerivedDoc } from '../../src/core/numbers/derive';
import { perform } from '../../src/core/operations/registry';
import type { OpResult } from '../../src/core/ops';
import type { OpRequest } from '../../src/core/ops/request';

/** A document read from text, with what reading it found. */
export interface Loaded {
  readonly doc: DomainDoc;
  readonly diagnostics: readonly Diagnostic[];
}

/** `text` read by loadText, with its diagnostics; throws `[what: ]line:col: message` when it does not parse. */
export function loadWith(text: string, what?: string): Loaded {
  const r = loadText(text);
  if (!r.ok) throw new Error(`${what ? `${what}: ` : ''}${r.error.line}:${r.error.col}: ${r.error.message}`);
  return { doc: r.doc, diagnostics: r.diagnostics };
}

/** `text` read by loadText (diagnostics are not looked at); throws like loadWith when it does not parse. */
export function load(text: string, what?: string): DomainDoc {
  return loadWith(text, what).doc;
}

/** The text of the built-in example `id` (src/core/examples.ts); throws for an unknown id. */
export function exampleText(id: string): string {
  const e = EXAMPLES.find((x) => x.id === id);
  if (!e) throw new Error(`no example '${id}' (there are ${EXAMPLES.map((x) => x.id).join(', ')})`);
  return e.text;
}

/** The built-in example `id`, read (offline, as written). */
export function exampleDoc(id: string): DomainDoc {
  return load(exampleText(id), `example ${id}`);
}

/** The same document with the guest running: ids stay, new nodes take the counter's next value. */
export function asRunning(doc: DomainDoc): DomainDoc {
  return { ...doc, state: 'running' };
}

/** The derived view (positions, ids, labels) of a document, or of the built-in example with that id. */
export function derivedOf(docOrExample: DomainDoc | string): DerivedDoc {
  return derive(typeof docOrExample === 'string' ? exampleDoc(docOrExample) : docOrExample);
}

/** An operation's result when it applied. */
export type Applied = Extract<OpResult, { ok: true }>;

/** The result of an operation that must apply; throws `refused: reason` when it was refused. */
export function done(r: OpResult): Applied {
  if (!r.ok) throw new Error(`refused: ${r.reason}`);
  return r;
}

/** The reason of an operation that must be refused; throws when it applied. */
export function refused(r: OpResult): string {
  if (r.ok) throw new Error(`expected a refusal, got: ${r.summary.message}`);
  return r.reason;
}

/** Runs `req` through the operation registry, as the editor and the CLI do; throws `[what: ]refused: reason` when it is refused. */
export function applyOk(doc: DomainDoc, req: OpRequest, what?: string): Applied {
  const r = perform(doc, req);
  if (!r.ok) throw new Error(`${what ? `${what}: ` : ''}refused: ${r.reason}`);
  return r;
}
