/**
 * The quorum bench (lesson 6): mark members corrupt, change the threshold
 * (a real operation on the document), and run a read. The members are read
 * one by one and light green (agrees) or red (garbage), then the count of
 * agreeing members is held against the threshold.
 */
import type { NodeView } from '../../core/numbers/derive';
import { voters } from '../../core/lessons/lab';
import { quorumOf } from '../../core/lessons/simulate';
import type { MemberState } from '../../core/lessons/simulate';
import { perform, useEditor } from '../../state/store';
import type { Anim } from './lessonStore';
import { quorumRead, setCorrupt, useLessons } from './lessonStore';
import { framesOf } from './perform';
import { useFrames, useGraphLight } from './useFrames';

const fileOf = (v: NodeView): string => v.source ?? v.headline;

function Members({ members, states, lights, busy }: { members: readonly NodeView[]; states: readonly MemberState[]; lights: ReadonlyMap<string, MemberState>; busy: boolean }) {
  return (
    <ul className="vt-members" aria-label="Members">
      {members.map((m, i) => {
        const light = lights.get(m.uid);
        return (
          <li key={m.uid} className={`vt-member${light ? ` vt-lit-${light}` : ''}`}>
            <span className="vt-light" aria-hidden="true" />
            <span className="vt-file" title={m.source ?? ''}>
              {fileOf(m)} <span className="vt-addr">{m.headline}</span>
            </span>
            <label className="vt-corrupt">
              <input type="checkbox" aria-label={`${m.headline} corrupt`} checked={states[i] === 'corrupt'} disabled={busy} onChange={(e) => setCorrupt(m.uid, e.target.checked)} />
              corrupt
            </label>
          </li>
        );
      })}
    </ul>
  );
}

function Tally({ agree, bad, threshold, total }: { agree: number; bad: number; threshold: number; total: number }) {
  return (
    <div className="vt-tally" aria-label={`${agree} agree, threshold ${threshold}`}>
      <div className="vt-meter" style={{ gridTemplateColumns: `repeat(${Math.max(total, 1)}, 1fr)` }}>
        {Array.from({ length: total }, (_, i) => (
          <span key={i} className={`vt-slot${i < agree ? ' vt-slot-ok' : i < agree + bad ? ' vt-slot-bad' : ''}${i === threshold - 1 ? ' vt-slot-threshold' : ''}`} />
        ))}
      </div>
      <span>
        <strong>{agree}</strong> agree · threshold <strong>{threshold}</strong>
      </span>
    </div>
  );
}

function Run({ anim, members, states, busy }: { anim: Extract<Anim, { kind: 'vote' }>; members: readonly NodeView[]; states: readonly MemberState[]; busy: boolean }) {
  const count = framesOf(anim);
  const frame = useFrames(count);
  const done = frame >= count - 1;
  const read = anim.members.slice(0, done ? anim.members.length : frame + 1);
  const lights = new Map(read.map((m, i) => [m.uid, anim.states[i]!]));
  const agree = read.filter((_, i) => anim.states[i] === 'ok').length;
  const at = anim.members[Math.min(frame, anim.members.length - 1)];
  const healthy = anim.members.filter((_, i) => anim.states[i] === 'ok').map((m) => m.uid);
  useGraphLight(done ? (anim.vote.outcome === 'correct' ? healthy : []) : at ? [at.uid] : [], 'Lesson: quorum read');
  const text = done ? anim.vote.reason : at ? `Reading ${fileOf(at)} (${at.headline})…` : '';
  return (
    <>
      <Members members={members} states={states} lights={lights} busy={busy} />
      <Tally agree={agree} bad={read.length - agree} threshold={anim.vote.threshold} total={anim.members.length} />
      <p className={`lab-result${done ? ` lab-result-done vt-${anim.vote.outcome}` : ''}`} role="status" aria-live="polite">
        {text}
      </p>
    </>
  );
}

export function VoteLab() {
  const doc = useEditor((s) => s.doc);
  const lab = useLessons((s) => s.lab);
  const anim = useLessons((s) => s.anim);
  const busy = useLessons((s) => s.busy);
  const v = voters(doc, lab);
  const q = quorumOf(doc, 0);
  if (!v || !q) {
    return (
      <section className="lab" aria-label="Quorum bench">
        <p className="lab-result">This document has no quorum to vote. Reset the lesson to get one back.</p>
      </section>
    );
  }
  const t = v.threshold;
  const n = v.members.length;
  const setT = (value: number): void => void perform({ kind: 'threshold', at: q.quorum.address, value });
  return (
    <section className="lab" aria-label="Quorum bench">
      <div className="lab-controls vt-threshold">
        <span>Threshold</span>
        <button type="button" aria-label="Lower threshold" disabled={busy || !(t > 1)} onClick={() => setT(t - 1)}>−</button>
        <strong className="vt-t" aria-label="Threshold value">{Number.isNaN(t) ? '?' : t}</strong>
        <span>of {n}</span>
        <button type="button" aria-label="Raise threshold" disabled={busy || !(t < n)} onClick={() => setT(Number.isNaN(t) ? 1 : t + 1)}>+</button>
        <button type="button" className="lab-go" onClick={() => quorumRead()} disabled={busy}>Read block</button>
      </div>
      {anim?.kind === 'vote' ? (
        <Run key={anim.seq} anim={anim} members={v.members} states={v.states} busy={busy} />
      ) : (
        <Members members={v.members} states={v.states} lights={new Map()} busy={busy} />
      )}
    </section>
  );
}
