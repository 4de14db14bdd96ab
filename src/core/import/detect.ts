/**
 * What printed this text? JSON is told apart by its keys (after the QMP
 * `{"return": …}` envelope of `virsh qemu-monitor-command`); text by its
 * lines. Anything else is refused with what it looked like and what was
 * expected, so a wrong file never turns into a half-built document.
 */
import type { Json } from './json';
import { isObject, parseJson, unwrapQmp } from './json';
import { looksLikeQemuImg } from './qemuImg';
import { looksLikeBlockGraph, looksLikeNamedNodes, looksLikeQueryBlock } from './qmpNodes';
import type { InputFormat } from './types';
import { ImportError } from './types';
import { looksLikeDomblklist, looksLikeDomstats } from './virsh';

export type Recognised = { readonly format: InputFormat; readonly json: Json; readonly text: string };

const JSON_EXPECTED =
  "expected qemu-img info --output=json (objects with 'filename' and 'format'), query-named-block-nodes (objects with 'node-name' and 'drv'), query-block (objects with 'device' or 'qdev' and 'inserted') or x-debug-query-block-graph (an object with 'nodes' and 'edges')";
const TEXT_EXPECTED =
  "expected JSON from qemu-img info --output=json or a QMP query (query-named-block-nodes, query-block, x-debug-query-block-graph), or the text of virsh domblklist --details or virsh domstats --block --backing";

function fromJson(value: Json, input: string): InputFormat {
  if (Array.isArray(value)) {
    if (value.length === 0) throw new ImportError(`${input} is an empty JSON array: QEMU or qemu-img reported no images, so there is nothing to import.`);
    const first = value[0];
    if (!isObject(first)) throw new ImportError(`${input} looks like JSON but not any output Strata imports: ${JSON_EXPECTED}; its first element is not an object.`);
    if (looksLikeNamedNodes(first)) return 'query-named-block-nodes';
    if (looksLikeQueryBlock(first)) return 'query-block';
    if (looksLikeQemuImg(value)) return 'qemu-img-info';
  } else if (isObject(value)) {
    if (looksLikeBlockGraph(value)) return 'x-debug-query-block-graph';
    if (looksLikeQemuImg(value)) return 'qemu-img-info';
  }
  throw new ImportError(`${input} looks like JSON but not any output Strata imports: ${JSON_EXPECTED}.`);
}

export function recognise(text: string, input: string): Recognised {
  const t = text.replace(/^\uFEFF/, '').trim();
  if (t === '') throw new ImportError(`${input} is empty: ${TEXT_EXPECTED}.`);
  if (t.startsWith('{') || t.startsWith('[')) {
    const parsed = parseJson(t);
    if (!parsed.ok) throw new ImportError(`${input} looks like JSON but does not parse (${parsed.message}): ${JSON_EXPECTED}.`);
    const inner = unwrapQmp(parsed.value);
    if (!inner.ok) throw new ImportError(`${input}: ${inner.message}`);
    return { format: fromJson(inner.value, input), json: inner.value, text: t };
  }
  if (t.startsWith('<')) {
    throw new ImportError(`${input} is XML, not a tool's output: open it directly (strata inspect or validate reads domain and disk XML); import reads what qemu-img, QMP and virsh print.`);
  }
  if (/^image: /m.test(t) && /^file format: /m.test(t)) {
    throw new ImportError(`${input} is qemu-img info's human-readable output: run it again with --output=json (and --backing-chain for the whole chain).`);
  }
  if (/^error: /.test(t)) throw new ImportError(`${input} is an error message, not a tool's output: '${t.split('\n')[0]!.slice(0, 200)}'.`);
  if (looksLikeDomstats(t)) return { format: 'domstats', json: null, text: t };
  if (/^Domain: '/m.test(t)) throw new ImportError(`${input} is virsh domstats output without block statistics: run virsh domstats DOMAIN --block --backing.`);
  if (looksLikeDomblklist(t)) return { format: 'domblklist', json: null, text: t };
  throw new ImportError(`Strata cannot tell what printed ${input}: ${TEXT_EXPECTED}.`);
}
