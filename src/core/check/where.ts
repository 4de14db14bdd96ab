/**
 * Where a finding points: the line:col of its node in the document's text.
 * The document is written and read back first, so a document changed by
 * operations (whose nodes keep the places they were read at, or none) is
 * placed in the text it has now: for a document read from a file and not
 * changed since, that is the file itself (an unchanged node is written back
 * byte for byte).
 */
import { loadText, toText } from '../io/document';
import type { DomainDoc } from '../model/types';
import { preorder } from '../model/walk';
import type { Loc, XmlElement, XmlNode } from '../xml/tree';
import { isElement } from '../xml/tree';

export interface Place {
  readonly line: number;
  readonly col: number;
}

export interface Places {
  /** The document's text now. */
  readonly text: string;
  /** The document read back from `text`: the same disks and nodes, in the same order, with places. */
  readonly read: DomainDoc;
  node(disk: number, position: number): Place;
  disk(disk: number): Place;
  /** `<devices>` (where a missing disk goes), or the root element. */
  readonly devices: Place;
}

const START: Place = { line: 1, col: 1 };
const place = (loc: Loc | null | undefined): Place | null => (loc ? { line: loc.line, col: loc.col } : null);

export function placesOf(doc: DomainDoc): Places {
  const text = toText(doc);
  const loaded = loadText(text);
  const read = loaded.ok ? loaded.doc : doc;
  const visits = read.disks.map((d) => preorder(d.src));
  const disk = (i: number): Place => place(read.disks[i]?.loc) ?? START;
  const dev = devicesOf(read);
  return {
    text,
    read,
    node: (i, p) => place(visits[i]?.[p]?.node.loc) ?? disk(i),
    disk,
    devices: place(dev?.loc) ?? place(read.tree.find((n): n is XmlElement => isElement(n))?.loc) ?? START,
  };
}

/** The `<devices>` element of a `<domain>` document; null for a document that is a bare `<disk>`. */
export function devicesOf(doc: DomainDoc): XmlElement | null {
  const root = doc.tree.find((n): n is XmlElement => isElement(n));
  if (!root || root.name !== 'domain') return null;
  return root.children.find((c: XmlNode): c is XmlElement => isElement(c) && c.name === 'devices') ?? null;
}
