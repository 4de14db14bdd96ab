/**
 * Whole disks: one the guest has that the XML lacks, one the XML has that
 * the guest lacks. No graph edit adds or removes a `<disk>`, so the fix is
 * the document's text with the disk's element inserted (as the import wrote
 * it) or cut out: a replace-text request, one undo step like any other.
 */
import type { DomainDoc } from '../model/types';
import { diskTarget, sourceText } from '../model/names';
import { fix } from './fixes';
import type { CheckFinding } from './types';
import type { Places } from './where';
import { devicesOf } from './where';

/** The start of the line `at` is on, when only blanks precede it there (so a whole line can go or come). */
function lineStart(text: string, at: number): number | null {
  const start = text.lastIndexOf('\n', at - 1) + 1;
  return /^[ \t]*$/.test(text.slice(start, at)) ? start : null;
}

/** The document's text with the tools' disk `t` added at the end of `<devices>`; null for a bare `<disk>` document. */
function withDisk(doc: DomainDoc, places: Places, tools: DomainDoc, toolText: string, t: number): string | null {
  const devices = devicesOf(places.read);
  const loc = tools.disks[t]?.loc;
  if (!devices?.loc || !loc) return null;
  const { text } = places;
  const close = text.lastIndexOf('</devices', devices.loc.end);
  if (close < 0) return null;
  const toolIndent = ' '.repeat(loc.col - 1);
  let element = toolText.slice(loc.start, loc.end);
  // An offline document has no ids: the live ones would only be dropped (or refused) by libvirt.
  if (doc.state === 'offline') element = element.replace(/ index='\d+'/g, '');
  const from = lineStart(text, close);
  if (from === null) return text.slice(0, close) + element + text.slice(close);
  const indent = text.slice(from, close) + '  ';
  const body = element.split('\n' + toolIndent).join('\n' + indent);
  return text.slice(0, from) + indent + body + '\n' + text.slice(from);
}

/** The document's text without disk `x`'s element (and its line, when it has one of its own). */
function withoutDisk(places: Places, x: number): string | null {
  const loc = places.read.disks[x]?.loc;
  if (!loc) return null;
  const { text } = places;
  const from = lineStart(text, loc.start);
  const to = from !== null && text[loc.end] === '\n' ? loc.end + 1 : loc.end;
  return text.slice(0, from ?? loc.start) + text.slice(to);
}

export function diskMissing(doc: DomainDoc, places: Places, tools: DomainDoc, toolText: string, t: number, named: boolean): CheckFinding {
  const d = tools.disks[t]!;
  const name = named ? diskTarget(d, t) : `a disk (top ${sourceText(d.src) ?? 'with no medium'})`;
  const text = withDisk(doc, places, tools, toolText, t);
  return {
    severity: 'error',
    code: 'check-disk-missing',
    message: `The guest has ${named ? `disk ${name}` : name}${named && sourceText(d.src) ? ` (${sourceText(d.src)})` : ''}, which the XML does not.`,
    ...places.devices,
    fix: text === null ? null : fix(doc, { kind: 'replace-text', text, label: `Add disk ${diskTarget(d, t)} as the host has it` }, `replace-text: add the <disk> as the tools see it (target ${diskTarget(d, t)})`),
    host: null,
  };
}

export function diskExtra(doc: DomainDoc, places: Places, x: number): CheckFinding {
  const d = doc.disks[x]!;
  const target = diskTarget(d, x);
  const text = withoutDisk(places, x);
  return {
    severity: 'error',
    code: 'check-disk-extra',
    message: `The XML has disk ${target}${sourceText(d.src) ? ` (${sourceText(d.src)})` : ''}, which the guest does not.`,
    ...places.disk(x),
    disk: x,
    node: d.src.uid,
    fix: text === null ? null : fix(doc, { kind: 'replace-text', text, label: `Remove disk ${target}` }, `replace-text: remove the <disk> of ${target}`),
    host: null,
  };
}
