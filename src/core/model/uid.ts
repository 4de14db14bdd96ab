/** Editor identities for disks and nodes. They are never written to XML and never compared by tests. */
let next = 0;
/**
 * What goes between the prefix and the number. '' on the page; a worker that
 * reads a document for the page (state/bigRead.ts) numbers in a space of its
 * own for each job, so its new uids can never equal the page's (the page's
 * counter and a worker's both start at 1; a reconciled document holds uids
 * from both).
 */
let space = '';

export function newUid(prefix: 'n' | 'd'): string {
  next += 1;
  return `${prefix}${space}${next}`;
}

/** Runs `f` with new uids made in `ns` (a worker job's own space, such as `w3.`). */
export function withUidSpace<T>(ns: string, f: () => T): T {
  const was = space;
  space = ns;
  try {
    return f();
  } finally {
    space = was;
  }
}
