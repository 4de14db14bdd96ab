/**
 * The address bar's XPath queries, off the main thread (state/workers/query.ts
 * is its client). It is sent the text, not the document: it reads the text
 * itself (in the page's dialect) and answers with the places of the matched
 * nodes. It keeps the last text it read, so a second query on the same
 * document sends only the expression.
 */
import { runQuery } from '../../core/query';
import { loadText } from '../../core/io/document';
import type { DomainDoc } from '../../core/model/types';
import { preorder } from '../../core/model/walk';
import type { NodePlace, QueryRequest, WorkerAnswer } from './query';

let current: { id: number; doc: DomainDoc; text: string } | { id: number; error: string } | null = null;

self.onmessage = (e: MessageEvent<QueryRequest>) => {
  const m = e.data;
  if (m.text !== undefined) {
    const loaded = loadText(m.text);
    current = loaded.ok
      ? { id: m.docId, doc: m.dialect ? { ...loaded.doc, dialect: m.dialect } : loaded.doc, text: m.text }
      : { id: m.docId, error: `Query failed: the XML does not parse (line ${loaded.error.line}:${loaded.error.col}: ${loaded.error.message.replace(/\.$/, '')}); fix it first.` };
  }
  if (!current || current.id !== m.docId) {
    postMessage({ ok: false, message: 'Query failed: the query worker lost the document; run it again.' } satisfies WorkerAnswer);
    return;
  }
  if ('error' in current) {
    postMessage({ ok: false, message: current.error } satisfies WorkerAnswer);
    return;
  }
  const r = runQuery(current.doc, current.text, m.input);
  if (!r.ok) {
    postMessage(r satisfies WorkerAnswer);
    return;
  }
  const place = new Map<string, NodePlace>();
  current.doc.disks.forEach((disk, d) => preorder(disk.src).forEach((v, i) => place.set(v.node.uid, [d, i])));
  const { uids, ...rest } = r;
  postMessage({ ...rest, places: uids.map((u) => place.get(u)).filter((p): p is NodePlace => p !== undefined) } satisfies WorkerAnswer);
};
