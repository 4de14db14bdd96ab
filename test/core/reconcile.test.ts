import { describe, expect, it } from 'vitest';
import { reconcile } from '../../src/core/reconcile';
import { preorder } from '../../src/core/model/walk';
import type { DomainDoc } from '../../src/core/model/types';
import { exampleText, load } from '../helpers/load';

const uids = (doc: DomainDoc) => preorder(doc.disks[0]!.src).map((v) => v.node.uid);
const chain = exampleText('mail-chain');

describe('reconcile (typing keeps editor identities)', () => {
  it('gives an unchanged re-read the previous uids', () => {
    const prev = load(chain);
    const next = reconcile(prev, load(chain));
    expect(uids(next)).toEqual(uids(prev));
    expect(next.disks[0]!.uid).toBe(prev.disks[0]!.uid);
  });

  it('matches by source when a layer is inserted, and gives the new layer a fresh uid', () => {
    const prev = load(chain);
    const edited = chain.replace(
      "      <backingStore/>",
      "      <backingStore type='file'>\n        <format type='raw'/>\n        <source file='/var/lib/libvirt/images/older.raw'/>\n        <backingStore/>\n      </backingStore>",
    );
    const next = reconcile(prev, load(edited));
    const [top, mid, base, older] = uids(next);
    expect([top, mid, base]).toEqual(uids(prev));
    expect(uids(prev)).not.toContain(older);
  });

  it('keeps a renamed image by its place when nothing else matches', () => {
    const prev = load(chain);
    const next = reconcile(prev, load(chain.replace('/mid.qcow2', '/middle.qcow2')));
    expect(uids(next)).toEqual(uids(prev));
  });

  it('lets two images with the same source each keep one identity', () => {
    const twice = chain.replace('/base.qcow2', '/mid.qcow2');
    const prev = load(twice);
    const next = reconcile(prev, load(twice));
    expect(uids(next)).toEqual(uids(prev));
    expect(new Set(uids(next)).size).toBe(3);
  });
});
