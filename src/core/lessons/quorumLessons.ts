/** Lessons 6–7: how a quorum votes, and the three ways to snapshot one (the design mail). */
import { derive } from '../numbers/derive';
import { addedNodes, eventsOf, newTop } from './checks';
import { quorumOf } from './simulate';
import type { Lesson, LessonAction, LessonState } from './types';

/**
 * Three raw members on three storages, threshold 2, proposal dialect. Offline
 * it has no ids (fresh: a=0 b=1 c=2 Q=3); running, the ids are written as the
 * mail writes them (`node='[N]'`) and the disk has its alias.
 */
function threeMembers(running: boolean): string {
  const node = (id: number): string => (running ? ` node='[${id}]'` : '');
  const member = (letter: string, id: number): string => `  <backingStore type='file' index='${id + 1}'>
    <driver name='qemu' type='raw'${node(id)}/>
    <source file='/srv/${letter}/vm.raw'/>
    <backingStore/>
  </backingStore>
`;
  return `<disk type='quorum' device='disk'>
  <driver name='qemu' type='quorum' threshold='2'${node(3)}/>
${member('a', 0)}${member('b', 1)}${member('c', 2)}  <target dev='vda' bus='virtio'/>
${running ? "  <alias name='virtio-disk0'/>\n" : ''}</disk>
`;
}

/** Sets each member's state (true = corrupt), then reads: what "Do it for me" does on the voting bench. */
function voteWith(...corrupt: boolean[]): LessonAction[] {
  return [...corrupt.map((c, member): LessonAction => ({ kind: 'corrupt', member, corrupt: c })), { kind: 'vote' }];
}

function thresholdIs(s: LessonState, n: number): boolean {
  return quorumOf(s.doc, 0)?.quorum.threshold?.trim() === String(n);
}

export const quorumVoting: Lesson = {
  id: 'quorum-voting',
  title: 'Quorum voting',
  summary: 'A quorum reads every member and trusts an answer only when enough members agree.',
  start: threeMembers(false),
  lab: 'vote',
  steps: [
    {
      instruction:
        'This disk is a [[quorum]] of three raw images on three storages, with [[threshold]] 2. Mark one member **corrupt** on the bench below, then press **Read block**: every member is read and equal answers vote.',
      check: (s) => eventsOf(s, 'quorum-read').some((e) => e.corrupt >= 1 && e.outcome === 'correct'),
      hint: (s) => (eventsOf(s, 'quorum-read').some((e) => e.corrupt === 0) ? 'All members were healthy; mark one corrupt and read again.' : null),
      demo: voteWith(false, true, false),
    },
    {
      instruction: 'Mark a second member corrupt and read again.',
      check: (s) => eventsOf(s, 'quorum-read').some((e) => e.outcome === 'failed' && e.corrupt >= 1),
      demo: voteWith(false, true, true),
    },
    {
      instruction:
        'Make the quorum strict: raise the threshold to 3 (the **+** next to Threshold changes the document), leave exactly one member corrupt, and read.',
      check: (s) => thresholdIs(s, 3) && eventsOf(s, 'quorum-read').some((e) => e.threshold === 3 && e.corrupt === 1 && e.outcome === 'failed'),
      hint: (s) => (thresholdIs(s, 3) ? 'The threshold is 3; now mark exactly one member corrupt and read.' : 'Raise the threshold to 3 first.'),
      demo: [{ kind: 'op', request: { kind: 'threshold', at: 'vda', value: 3 } }, ...voteWith(true, false, false)],
    },
  ],
  explanation:
    'A [[quorum]] reads every member and groups equal answers; the biggest group wins if it has at least [[threshold]] votes. One corrupt member out of three is outvoted and reported (with `rewrite-corrupted`, QEMU writes the good data back over it). With too few agreeing members the read fails with an I/O error rather than return data nobody can vouch for. The threshold trades availability for certainty: 2 of 3 survives one bad member, 3 of 3 survives none, and 1 is no vote at all: a single answer, even garbage, is enough. Writes go to every member. QEMU refuses to remove a member when members ≤ threshold.',
};

/** Way 2 and 3 name members by address, worked out when the action runs (positions shift after way 1). */
function snapshotMembers(pick: (n: number) => number[]): LessonAction {
  return {
    kind: 'op',
    request: (d) => {
      const q = quorumOf(d, 0);
      if (!q) return 'The disk has no quorum.';
      return { kind: 'snapshot', targets: pick(q.members.length).map((i) => ({ at: q.members[i]!.address })) };
    },
  };
}

export const quorumSnapshots: Lesson = {
  id: 'quorum-snapshots',
  title: 'Snapshotting a quorum three ways',
  summary: 'A snapshot can put one overlay on the quorum node, one on each member, or anything in between.',
  start: threeMembers(true),
  lab: null,
  steps: [
    {
      instruction:
        'Way 1, `Q[a, b, c] <- snap`: one qcow2 [[overlay]] whose [[backing file]] is the quorum node. Take a [[snapshot]] of `vda`, the quorum itself.',
      check: (s) => {
        const t = newTop(s);
        const below = t?.childUids.length === 1 ? derive(s.doc).byUid.get(t.childUids[0]!) : undefined;
        return t !== null && !t.isQuorum && below?.isQuorum === true;
      },
      demo: [{ kind: 'op', request: { kind: 'snapshot', targets: [{ at: 'vda' }] } }],
    },
    {
      instruction:
        'Way 2, `Q[a <- snapA, b <- snapB, c <- snapC]`: one overlay per [[quorum]] member, created together in one transaction. Snapshot all three members at once.',
      check: (s) => {
        const q = quorumOf(s.doc, 0);
        const added = new Set(addedNodes(s).map((v) => v.uid));
        return q !== null && q.members.length >= 2 && q.members.every((m) => added.has(m.uid));
      },
      demo: [snapshotMembers((n) => Array.from({ length: n }, (_, i) => i))],
    },
    {
      instruction:
        'Way 3, anything in between: snapshot only one member (say, the one on the storage easiest to copy off for a backup) and leave the others alone.',
      check: (s) => {
        const added = addedNodes(s);
        const byUid = derive(s.doc).byUid;
        const parent = added.length === 1 && added[0]!.parentUid !== null ? byUid.get(added[0]!.parentUid) : undefined;
        return parent?.isQuorum === true;
      },
      demo: [snapshotMembers(() => [0])],
    },
  ],
  explanation:
    'As the design mail says, the quorum itself uses no file: it relies on its members, so a snapshot must be able to start from any node. Way 1 puts one overlay on the quorum node: simple, but from then on new writes land in a single qcow2, with no redundancy until you commit it back. Way 2 keeps the redundancy: each member gets its own overlay, all in one transaction (QMP `transaction` with one `blockdev-snapshot` per member). Way 3 snapshots a subset. In every case the disk\'s alias stays, the quorum node keeps its id, and each new overlay takes the next value of the [[counter]].',
};
