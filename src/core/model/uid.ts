/** Editor identities for disks and nodes. They are never written to XML and never compared by tests. */
let next = 0;
export function newUid(prefix: 'n' | 'd'): string {
  next += 1;
  return `${prefix}${next}`;
}
