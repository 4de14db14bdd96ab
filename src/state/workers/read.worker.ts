/**
 * Reads a big text off the main thread (state/bigRead.ts is its client):
 * core/readJob does the reading, numbering and validation; the answer goes
 * back flattened (core/transfer: a deep chain would overflow postMessage's
 * structured clone) as a Wire: JSON chunks the page parses one at a time.
 */
import { readJob } from '../../core/operations/readJob';
import { withUidSpace } from '../../core/model/uid';
import type { DomainDoc } from '../../core/model/types';
import { flatten, toWire, unflatten } from '../../core/transfer';
import type { Flat } from '../../core/transfer';

export interface ReadRequest {
  readonly text: string;
  /** The document before, flattened as JSON (reconcile needs it). */
  readonly before: string;
  readonly label: string | undefined;
  readonly keep: boolean;
  /** The uid space of this job (its new nodes must not take uids the page already uses). */
  readonly space: string;
}

self.onmessage = (e: MessageEvent<ReadRequest>) => {
  const m = e.data;
  const before = unflatten<DomainDoc>(JSON.parse(m.before) as Flat);
  postMessage(toWire(flatten(withUidSpace(m.space, () => readJob({ text: m.text, before, label: m.label, keep: m.keep })))));
};
