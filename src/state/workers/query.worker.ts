/**
 * The address bar's XPath queries, off the main thread (state/workers/query.ts
 * is its client). It keeps the last document it was sent, so a second query
 * on the same document sends only the expression.
 */
import { runQuery } from '../../core/query';
import type { DomainDoc } from '../../core/model/types';
import { unflatten } from '../../core/transfer';
import type { Flat } from '../../core/transfer';
import type { QueryRequest } from './query';

let current: { id: number; doc: DomainDoc; text: string } | null = null;

self.onmessage = (e: MessageEvent<QueryRequest>) => {
  const m = e.data;
  if (m.doc !== undefined && m.text !== undefined) current = { id: m.docId, doc: unflatten<DomainDoc>(JSON.parse(m.doc) as Flat), text: m.text };
  if (!current || current.id !== m.docId) {
    postMessage({ ok: false, message: 'Query failed: the query worker lost the document; run it again.' });
    return;
  }
  postMessage(runQuery(current.doc, current.text, m.input));
};
