/** The toast's one line (src/core/operations/shortText.ts): what changed where, never the whole story twice. */
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../../src/core/examples';
import { loadText } from '../../../src/core/io/document';
import { perform } from '../../../src/core/operations/registry';
import { shortText } from '../../../src/core/operations/shortText';
import type { OpRequest } from '../../../src/core/ops/request';

function toast(id: string, title: string, req: OpRequest): string {
  const r = loadText(EXAMPLES.find((e) => e.id === id)!.text);
  if (!r.ok) throw new Error(r.error.message);
  const out = perform(r.doc, req);
  if (!out.ok) throw new Error(out.reason);
  return shortText(title, r.doc, out.doc, out.summary);
}

describe('shortText', () => {
  it('a running snapshot names the new overlay and what it sits on, by its virsh address', () => {
    expect(toast('web01', 'Snapshot', { kind: 'snapshot', targets: [{ at: 'vda' }] })).toBe('Snapshot: vda: new vda[5] on vda[4]');
  });

  it('a commit names what left the chain', () => {
    expect(toast('mail-chain', 'Commit', { kind: 'commit', top: 'vda[2]', base: 'vda[3]' })).toMatch(/^Commit: removed vda\[2\]/);
  });

  it('stopping a running libvirt guest names the ids that change (the next start numbers the chain afresh)', () => {
    expect(toast('live-chain', 'Guest offline', { kind: 'set-state', state: 'offline' })).toBe('Guest offline: ids vda[4]→vda[1], vda[3]→vda[2], vda[1]→vda[3]');
  });

  it('with nothing added, removed or renumbered, the first sentence of the message, without the title twice', () => {
    const line = toast('mail-chain', 'Guest running', { kind: 'set-state', state: 'running' });
    expect(line).toBe('Guest running: The guest is now running');
    expect(line).not.toMatch(/Guest running: Guest running/);
  });

  it('is one line of at most 96 characters', () => {
    const line = toast('multi-disk', 'Snapshot', { kind: 'snapshot', targets: [{ at: 'vda' }, { at: 'vdb' }, { at: 'sda' }] });
    expect(line.length).toBeLessThanOrEqual(96);
    expect(line).not.toContain('\n');
  });
});
