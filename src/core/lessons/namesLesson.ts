/** Lesson 8: why the names the editor shows (`ide0-0-0[1]`) can never be QEMU node-names. */
import { EXAMPLES } from '../examples';
import { eventsOf } from './checks';
import type { Lesson } from './types';

/** The design mail's Q[a, b <- c, d] as the mail writes it: the node names it proposed are on every node. */
const MAIL_QUORUM = EXAMPLES.find((e) => e.id === 'mail-quorum')!.text;

export const nodeNames: Lesson = {
  id: 'node-names',
  title: 'Node names QEMU accepts',
  summary: '`ide0-0-0[1]` is an address for people and virsh; QEMU node-names follow a stricter rule.',
  start: MAIL_QUORUM,
  lab: 'names',
  steps: [
    {
      instruction:
        'The design mail proposed QEMU [[node-name]]s made of the disk alias and the [[node id]], like `ide0-0-0[1]`, which the graph shows on each node. Type one into the checker below and press **Check name**.',
      check: (s) => eventsOf(s, 'name-check').some((e) => !e.legal),
      hint: (s) => (eventsOf(s, 'name-check').length > 0 ? 'That one was legal; try a name the graph shows, brackets and all.' : null),
      demo: [{ kind: 'name', name: 'ide0-0-0[1]' }],
    },
    {
      instruction: 'Now find a legal one. libvirt names a layer\'s QEMU nodes after its [[index]], for example `libvirt-1-format`: try that, or a name of your own.',
      check: (s) => eventsOf(s, 'name-check').some((e) => e.legal),
      demo: [{ kind: 'name', name: 'libvirt-1-format' }],
    },
  ],
  explanation:
    'A QEMU [[node-name]] must match `^[A-Za-z][A-Za-z0-9_.-]*$`, be at most 31 bytes and be unique. Brackets are not allowed, so `ide0-0-0[1]` and `vda[1]` can never be node-names: they are [[address]]es for people and virsh. What libvirt really gives QEMU is `libvirt-N-storage` for the protocol node that opens the file and `libvirt-N-format` for the format node on top of it (libvirt 9.0 gives a raw layer one too), with N the layer\'s [[index]]; `virsh blockcommit DOMAIN vda --top vda[N]` is translated to those names before it reaches QMP.',
};
