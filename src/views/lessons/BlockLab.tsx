/**
 * The block bench (lesson 1): the disk's chain as rows of blocks, and a
 * "block N" token that falls from the active layer down to the layer that
 * holds it (a read) or lands in the active layer (a write). The graph lights
 * the layer being asked, so the two pictures tell the same story.
 */
import { useState } from 'react';
import type { NodeView } from '../../core/numbers/derive';
import type { BlockMap, Lesson } from '../../core/lessons';
import { chainLayers, layerKey } from '../../core/lessons/simulate';
import { useEditor } from '../../state/store';
import type { Anim } from './lessonStore';
import { readBlock, useLessons, writeBlock } from './lessonStore';
import { framesOf } from './perform';
import { useFrames, useGraphLight } from './useFrames';

const BLOCKS = Array.from({ length: 8 }, (_, i) => i);

const fileOf = (v: NodeView): string => v.source?.split('/').pop() || v.headline;
const named = (v: NodeView): string => `${fileOf(v)} (${v.headline})`;

interface RowMarks {
  /** The layer the token is at, and what it is doing there. */
  readonly token?: { uid: string; text: string };
  readonly missed?: ReadonlySet<string>;
  readonly hit?: string | null;
}

function Chain({ layers, blocks, focus, marks }: { layers: readonly NodeView[]; blocks: BlockMap; focus: number; marks: RowMarks }) {
  const last = layers[layers.length - 1];
  return (
    <ol className="bl-chain" aria-label="Layers, active layer first">
      {layers.map((v) => {
        const held = v.format === 'raw' ? BLOCKS : blocks[layerKey(v)] ?? [];
        const cls = ['bl-layer', marks.missed?.has(v.uid) ? 'bl-missed' : '', marks.hit === v.uid ? 'bl-hit' : ''].filter(Boolean).join(' ');
        return (
          <li key={v.uid} className={cls} data-address={v.positionLabel}>
            <div className="bl-name">
              <span className="bl-file" title={v.source ?? ''}>{fileOf(v)}</span>
              <span className="bl-addr">{v.headline}{v.isActive ? ' · active' : ''}</span>
            </div>
            <div className="bl-cells" aria-label={`holds blocks ${held.join(', ') || 'none'}`}>
              {BLOCKS.map((b) => (
                <span key={b} className={`bl-cell${held.includes(b) ? ' bl-has' : ''}${b === focus ? ' bl-focus' : ''}`}>{b}</span>
              ))}
            </div>
            {marks.token?.uid === v.uid && <span className="bl-token">{marks.token.text}</span>}
          </li>
        );
      })}
      {last && last.end !== null && (
        <li className="bl-end">
          {last.end === 'terminated' ? <span className="bl-ground" aria-hidden="true" /> : <span className="bl-probe" aria-hidden="true">?</span>}
          {last.end === 'terminated' ? 'terminated: nothing below' : 'open: QEMU would probe the header'}
        </li>
      )}
    </ol>
  );
}

function readResult(anim: Extract<Anim, { kind: 'read' }>): string {
  const t = anim.trace;
  const missed = t.visited.filter((v) => v !== t.servedBy && !v.isQuorum).map(fileOf);
  const passed = missed.length > 0 ? `not in ${missed.join(', ')}; ` : '';
  const head = `Block ${t.block}: ${passed}`;
  if (t.outcome === 'found') return `${head}found in ${named(t.servedBy!)}.`;
  if (t.outcome === 'zeros') return `${head}no layer holds it and the chain is terminated, so the guest reads zeros.`;
  if (t.outcome === 'probe') return `${head}the chain ends open: QEMU would probe the last image's header for another backing file.`;
  return `${head}the read reaches the quorum ${t.visited[t.visited.length - 1]!.headline}; its members are read and vote.`;
}

function Animated({ anim, layers, blocks }: { anim: Exclude<Anim, { kind: 'vote' }>; layers: readonly NodeView[]; blocks: BlockMap }) {
  const count = framesOf(anim);
  const frame = useFrames(count);
  const done = frame >= count - 1;
  let marks: RowMarks;
  let text: string;
  let lit: string[];
  if (anim.kind === 'read') {
    const { visited, servedBy, block } = anim.trace;
    const at = visited[Math.min(frame, visited.length - 1)]!;
    const seen = visited.slice(0, done ? visited.length : frame);
    marks = {
      token: done && !servedBy ? undefined : { uid: done ? servedBy!.uid : at.uid, text: `block ${block}` },
      missed: new Set(seen.filter((v) => v !== servedBy).map((v) => v.uid)),
      hit: done ? servedBy?.uid ?? null : null,
    };
    text = done ? readResult(anim) : `Reading block ${block}: asking ${named(at)}…`;
    lit = done ? (servedBy ? [servedBy.uid] : []) : [at.uid];
  } else {
    const into = anim.layers.map(named).join(', ');
    marks = { token: anim.layers[0] ? { uid: anim.layers[0].uid, text: `block ${anim.block}` } : undefined, hit: done ? anim.layers[0]?.uid ?? null : null };
    text = done ? `Wrote block ${anim.block} into ${into}, the active layer. The layers below are not touched.` : `Writing block ${anim.block}…`;
    lit = anim.layers.map((v) => v.uid);
  }
  useGraphLight(lit, `Lesson: block ${anim.kind === 'read' ? anim.trace.block : anim.block}`);
  return (
    <>
      <Chain layers={layers} blocks={blocks} focus={anim.kind === 'read' ? anim.trace.block : anim.block} marks={marks} />
      <p className={`lab-result${done ? ' lab-result-done' : ''}`} role="status" aria-live="polite">
        {text}
      </p>
    </>
  );
}

export function BlockLab({ lesson }: { lesson: Lesson }) {
  const doc = useEditor((s) => s.doc);
  const blocks = useLessons((s) => s.lab.blocks);
  const anim = useLessons((s) => s.anim);
  const busy = useLessons((s) => s.busy);
  const [block, setBlock] = useState(lesson.block ?? 7);
  const layers = chainLayers(doc, 0);
  return (
    <section className="lab" aria-label="Block bench">
      <div className="lab-controls">
        <label>
          Block{' '}
          <select aria-label="Block" value={block} onChange={(e) => setBlock(Number(e.target.value))}>
            {BLOCKS.map((b) => (
              <option key={b} value={b}>{b}</option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => readBlock(block)} disabled={busy || layers.length === 0}>Read block</button>
        <button type="button" onClick={() => writeBlock(block)} disabled={busy || layers.length === 0}>Write block</button>
      </div>
      {anim && anim.kind !== 'vote' ? (
        <Animated key={anim.seq} anim={anim} layers={layers} blocks={blocks} />
      ) : (
        <Chain layers={layers} blocks={blocks} focus={block} marks={{}} />
      )}
    </section>
  );
}
