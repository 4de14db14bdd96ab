/** Editor uids (src/core/model/uid.ts): a worker job's new uids never meet the page's. */
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../../src/core/examples';
import { loadText } from '../../../src/core/io/document';
import { newUid, withUidSpace } from '../../../src/core/model/uid';
import { preorder } from '../../../src/core/model/walk';
import { readJob } from '../../../src/core/operations/readJob';

describe('uid spaces', () => {
  it('makes uids in the space given, and goes back to the page space after', () => {
    expect(withUidSpace('w7.', () => newUid('n'))).toMatch(/^nw7\.\d+$/);
    expect(newUid('n')).toMatch(/^n\d+$/);
  });

  it('a document read in a job space and reconciled with the page document has no uid twice', () => {
    const page = loadText(EXAMPLES.find((e) => e.id === 'mail-quorum')!.text);
    if (!page.ok) throw new Error(page.error.message);
    let chain = '<backingStore/>';
    for (let i = 30; i >= 1; i--) chain = `<backingStore type='file'><format type='qcow2'/><source file='/c/${i}'/>${chain}</backingStore>`;
    const text = `<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='/c/0'/>${chain}<target dev='vda' bus='virtio'/></disk>`;
    const r = withUidSpace('w1.', () => readJob({ text, before: page.doc, label: undefined, keep: true }));
    if (!r.ok) throw new Error('not read');
    const uids = r.result.doc.disks.flatMap((d) => [d.uid, ...[...preorder(d.src)].map((v) => v.node.uid)]);
    expect(new Set(uids).size).toBe(uids.length);
    // Some were kept from the page's document (the reconcile), the rest are the job's own.
    expect(uids.some((u) => u.includes('w1.'))).toBe(true);
  });
});
