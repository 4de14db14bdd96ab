import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { checkText } from '../../../src/core/check';
import { validate } from '../../../src/core/validate';
import type { Diagnostic, DiagnosticCode, Severity } from '../../../src/core/model/diagnostics';
import type { DomainDoc, SrcNode } from '../../../src/core/model/types';

// Inputs are written one element per line, so every expected line:col can be read off the lines.
const x = (...lines: string[]): string => lines.join('\n');
/** `<domain>` with the disk lines starting on line 3. */
const dom = (...disk: string[]): string => x("<domain type='kvm'>", '  <devices>', ...disk, '  </devices>', '</domain>');
/** A disk (`<disk>` at the first line, col 5) with its top source and `layers` (from its 4th line, col 7). */
const diskLines = (dev: string, top: string, ...layers: string[]): string[] => [
  "    <disk type='file' device='disk'>",
  "      <driver name='qemu' type='qcow2'/>",
  `      <source file='${top}'/>`,
  ...layers,
  `      <target dev='${dev}'/>`,
  '    </disk>',
];
/** One vda disk: `<disk>` at 3:5, the layer lines from 6:7. */
const overTop = (...layers: string[]): string => dom(...diskLines('vda', '/img/top.qcow2', ...layers));
const layer = (attrs: string, body: string): string => `      <backingStore${attrs}>${body}</backingStore>`;
const RAW_BASE = "<format type='raw'/><source file='/img/base.raw'/>";

/** The one diagnostic with `code`, checked for severity and place. */
function expectOne(list: readonly Diagnostic[], code: DiagnosticCode, severity: Severity, line: number, col: number): Diagnostic {
  const hits = list.filter((d) => d.code === code);
  expect(hits, JSON.stringify(list, null, 1)).toHaveLength(1);
  const d = hits[0]!;
  expect({ code: d.code, severity: d.severity, line: d.line, col: d.col }).toEqual({ code, severity, line, col });
  expect(d.message.length).toBeGreaterThan(20);
  return d;
}
const codes = (text: string): DiagnosticCode[] => checkText(text).diagnostics.map((d) => d.code);

/** A libvirt-dialect chain of `levels` images, one element per line, unindented (deep chains stay small). */
function chainXml(levels: number, withIndex = false): string {
  const lines = ["<domain type='kvm'>", '<devices>', "<disk type='file' device='disk'>", "<driver name='qemu' type='qcow2'/>"];
  lines.push(withIndex ? "<source file='/img/l0.qcow2' index='1'/>" : "<source file='/img/l0.qcow2'/>");
  for (let i = 1; i < levels; i++) {
    lines.push(withIndex ? `<backingStore type='file' index='${i + 1}'>` : "<backingStore type='file'>");
    lines.push(i === levels - 1 ? "<format type='raw'/>" : "<format type='qcow2'/>", `<source file='/img/l${i}.qcow2'/>`);
  }
  lines.push('<backingStore/>', ...Array<string>(levels - 1).fill('</backingStore>'));
  return x(...lines, "<target dev='vda' bus='virtio'/>", '</disk>', '</devices>', '</domain>');
}

/** The design mail's Q[a, b <- c, d], running, with each member's pieces on one line. */
const MAIL_QUORUM = x(
  "<disk type='quorum' device='disk'>",
  "  <driver name='qemu' type='quorum' threshold='2' node='[4]'/>",
  "  <backingStore type='file' index='1'>",
  "    <driver name='qemu' type='raw' node='[0]'/><source path='/path/to/a'/><backingStore/>",
  '  </backingStore>',
  "  <backingStore type='file' index='2'>",
  "    <driver name='qemu' type='qcow2' node='[2]'/><source path='/path/to/c'/>",
  "    <backingStore type='file' index='3' node='[1]'>",
  "      <driver name='qemu' type='raw'/><source path='/path/to/b'/><backingStore/>",
  '    </backingStore>',
  '  </backingStore>',
  "  <backingStore type='file' index='4'>",
  "    <driver name='qemu' type='raw' node='[3]'/><source path='/path/to/d'/><backingStore/>",
  '  </backingStore>',
  "  <target dev='hda' bus='ide'/>",
  "  <alias name='ide0-0-0'/>",
  "  <address type='drive' controller='0' bus='0' target='0' unit='0'/>",
  '</disk>',
);

/** An offline proposal-dialect quorum disk (`<disk>` at 1:1) with the given driver attributes and member count. */
function quorumXml(driverAttrs: string, members: number): string {
  const lines = ["<disk type='quorum' device='disk'>", `  <driver name='qemu' type='quorum'${driverAttrs}/>`];
  for (let i = 0; i < members; i++) lines.push(`  <backingStore type='file'><driver name='qemu' type='raw'/><source file='/q/m${i}.img'/><backingStore/></backingStore>`);
  return x(...lines, "  <target dev='vdq' bus='virtio'/>", '</disk>');
}

describe('xml errors surface through checkText', () => {
  it('xml-malformed: a mismatched closing tag, at its line and column', () => {
    const r = checkText(x('<domain>', '  <devices>', '    <disk>', '  </devices>', '</domain>'));
    expect([r.doc, r.diagnostics.length]).toEqual([null, 1]);
    expectOne(r.diagnostics, 'xml-malformed', 'error', 4, 3);
  });

  it('xml-entity: an external SYSTEM entity is refused', () => {
    const r = checkText(x('<!DOCTYPE domain [', '  <!ENTITY x SYSTEM "file:///etc/passwd">', ']>', '<domain>&x;</domain>'));
    expect(r.doc).toBeNull();
    expect(expectOne(r.diagnostics, 'xml-entity', 'error', 2, 3).message).toMatch(/External entity 'x'/);
  });

  it('xml-entity: nested (billion laughs) entities are refused', () => {
    const lol2 = '  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">';
    const r = checkText(x('<!DOCTYPE domain [', '  <!ENTITY lol "lol">', lol2, ']>', '<domain>&lol2;</domain>'));
    expect(r.doc).toBeNull();
    expect(expectOne(r.diagnostics, 'xml-entity', 'error', 3, 3).message).toMatch(/nested/);
  });
});

describe('one test per diagnostic code', () => {
  it('no-disk: a domain without disks, at its root element', () => {
    const r = checkText(x('<?xml version="1.0"?>', '<!-- no disks -->', "  <domain type='kvm'>", '    <devices/>', '  </domain>'));
    expectOne(r.diagnostics, 'no-disk', 'warning', 3, 3);
  });

  it('unknown-disk-type: a type libvirt does not know, on a layer', () => {
    const r = checkText(overTop(layer(" type='floppy'", RAW_BASE)));
    const d = expectOne(r.diagnostics, 'unknown-disk-type', 'error', 6, 7);
    expect(d.message).toContain("'floppy'");
    expect([d.disk, d.node]).toEqual([0, r.doc!.disks[0]!.src.backing[0]!.uid]);
  });

  it("disk-type-default: a <disk> with no type= is a file disk to libvirt (info, not an error)", () => {
    const r = checkText(dom('    <disk>', "      <source file='/img/a.img'/>", "      <target dev='vdb'/>", '    </disk>'));
    const d = expectOne(r.diagnostics, 'disk-type-default', 'info', 3, 5);
    expect(d.message).toContain("reads it as type='file'");
    expect(d.message).toContain('vdb');
    expect(codes(dom('    <disk>', "      <source file='/img/a.img'/>", "      <target dev='vdb'/>", '    </disk>'))).not.toContain('unknown-disk-type');
  });

  it('quorum-no-members', () => {
    expectOne(checkText(quorumXml(" threshold='1'", 0)).diagnostics, 'quorum-no-members', 'error', 1, 1);
    expect(codes(quorumXml(" threshold='1'", 0))).not.toContain('quorum-threshold-range');
  });

  it('quorum-threshold-missing', () => {
    const d = expectOne(checkText(quorumXml('', 3)).diagnostics, 'quorum-threshold-missing', 'error', 1, 1);
    expect(d.message).toContain('majority is 2');
  });

  it('quorum-threshold-range: above the member count, zero, and not a whole number', () => {
    for (const t of ['3', '0', 'two', '1.5']) {
      const d = expectOne(checkText(quorumXml(` threshold='${t}'`, 2)).diagnostics, 'quorum-threshold-range', 'error', 1, 1);
      expect(d.message).toContain(`'${t}'`);
      expect(d.message).toContain('1 to 2');
    }
    expect(checkText(quorumXml(" threshold='2'", 2)).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('quorum-in-libvirt: a quorum in a document switched to the libvirt dialect', () => {
    const doc = checkText(quorumXml(" threshold='2'", 3)).doc!;
    expect(doc.dialect).toBe('proposal');
    expect(expectOne(validate({ ...doc, dialect: 'libvirt' }), 'quorum-in-libvirt', 'error', 1, 1).message).toMatch(/proposal dialect/);
  });

  it('blkverify-needs-two: blkverify=on with 3 members, and format blkverify with threshold 1', () => {
    expectOne(checkText(quorumXml(" threshold='2' blkverify='on'", 3)).diagnostics, 'blkverify-needs-two', 'error', 1, 1);
    const viaFormat = quorumXml(" threshold='1'", 2).replace("type='quorum' threshold", "type='blkverify' threshold");
    expectOne(checkText(viaFormat).diagnostics, 'blkverify-needs-two', 'error', 1, 1);
    expect(codes(quorumXml(" threshold='2' blkverify='yes'", 2))).not.toContain('blkverify-needs-two');
  });

  it('backing-type-missing: a <backingStore> without type= that holds an image is the end marker; the image is lost (error)', () => {
    const r = checkText(overTop(layer('', RAW_BASE)));
    const d = expectOne(r.diagnostics, 'backing-type-missing', 'error', 6, 7);
    expect(d.message).toContain("'/img/base.raw'");
    // libvirt's reading: the chain ends there; no phantom layer.
    expect(r.doc!.disks[0]!.src.backing).toEqual([]);
    expect(r.doc!.disks[0]!.src.end).toBe('terminated');
  });

  it('a <backingStore> without type= holding only whitespace or a comment is a plain end marker: no layer, no diagnostic', () => {
    for (const body of ['  ', '<!-- the end -->']) {
      const r = checkText(overTop(layer('', body)));
      expect(r.diagnostics).toEqual([]);
      expect([r.doc!.disks[0]!.src.backing.length, r.doc!.disks[0]!.src.end]).toEqual([0, 'terminated']);
    }
  });

  it('element-ignored: a second <driver>, a second <source>, a second end marker, each at its own element', () => {
    const r = checkText(dom("    <disk type='file' device='disk'>", "      <driver name='qemu' type='qcow2'/>", "      <driver name='qemu' cache='none'/>", "      <source file='/img/top.qcow2'/>", "      <source file='/img/other.qcow2'/>", '      <backingStore/>', "      <backingStore foo='bar'/>", "      <target dev='vda'/>", '    </disk>'));
    const hits = r.diagnostics.filter((d) => d.code === 'element-ignored').map((d) => [d.line, d.col, d.severity]);
    expect(hits).toEqual([
      [5, 7, 'warning'],
      [7, 7, 'warning'],
      [9, 7, 'warning'],
    ]);
    expect(r.diagnostics.find((d) => d.line === 5)!.message).toContain("cache='none'");
  });

  it("top-format-element: a <format> directly in the <disk> is not read (libvirt takes the disk's format from <driver>)", () => {
    const r = checkText(dom("    <disk type='file' device='disk'>", "      <format type='qcow2'/>", "      <source file='/img/top.qcow2'/>", "      <target dev='vda'/>", '    </disk>'));
    expect(expectOne(r.diagnostics, 'top-format-element', 'error', 4, 7).message).toMatch(/opens as raw rather than qcow2/);
  });

  it('layer-driver: a <driver> on a backing layer of a libvirt document (libvirt refuses it), at the layer', () => {
    const live = x("<disk type='file' device='disk'>", "  <driver name='qemu' type='qcow2'/>", "  <source file='/i/top' index='3'/>", "  <backingStore type='file' index='1'>", "    <driver name='qemu' type='qcow2'/>", "    <source file='/i/base'/>", '    <backingStore/>', '  </backingStore>', "  <target dev='vda'/>", '</disk>');
    const r = checkText(live);
    // Live libvirt XML with one <driver> layer stays libvirt and running (domain.md §3 rule 2).
    expect([r.doc!.dialect, r.doc!.state]).toEqual(['libvirt', 'running']);
    expect(expectOne(r.diagnostics, 'layer-driver', 'error', 4, 3).message).toMatch(/missing disk backing store format.*<format type='qcow2'\/>/);
  });

  it('ids-provisional: a qcow2 chain that ends open, at the open layer; the counter is a lower bound (libvirt numbers probed layers last)', () => {
    const r = checkText(overTop(layer(" type='file'", "<format type='qcow2'/><source file='/img/mid.qcow2'/>")));
    const d = expectOne(r.diagnostics, 'ids-provisional', 'info', 6, 7);
    expect(d.message).toMatch(/next id is 3 or more \(provisional\)/);
    // A raw end or a terminated end is not probed.
    expect(codes(overTop(layer(" type='file'", "<format type='raw'/><source file='/img/b.raw'/>")))).toEqual([]);
    expect(codes(overTop(layer(" type='file'", "<format type='qcow2'/><source file='/img/b'/><backingStore/>")))).toEqual([]);
  });

  it('format-unknown: a format libvirt does not know', () => {
    expect(expectOne(checkText(overTop(layer(" type='file'", "<format type='qcow3'/><source file='/img/b'/>"))).diagnostics, 'format-unknown', 'error', 6, 7).message).toContain("'qcow3'");
  });

  it('target-duplicate: two disks with one <target dev>, at the second target', () => {
    const r = checkText(dom(...diskLines('vda', '/img/a.qcow2'), ...diskLines('vda', '/img/b.qcow2')));
    expectOne(r.diagnostics, 'target-duplicate', 'error', 11, 7);
  });

  it('backing-format-missing: a layer without <format>', () => {
    const r = checkText(overTop(layer(" type='file'", "<source file='/img/base.raw'/>")));
    const d = expectOne(r.diagnostics, 'backing-format-missing', 'error', 6, 7);
    expect(d.message).toContain('/img/base.raw');
    expect(d.message).toContain("<format type='qcow2'/>");
  });

  it('backing-source-missing: a layer without <source>', () => {
    expectOne(checkText(overTop(layer(" type='file'", "<format type='raw'/>"))).diagnostics, 'backing-source-missing', 'error', 6, 7);
  });

  it('backing-siblings: two backing stores under a qcow2 top, at the sibling libvirt drops', () => {
    const r = checkText(overTop(layer(" type='file'", RAW_BASE), layer(" type='file'", "<format type='raw'/><source file='/img/b.raw'/>")));
    expect(r.doc!.dialect).toBe('proposal');
    expect(expectOne(r.diagnostics, 'backing-siblings', 'error', 7, 7).message).toContain('/img/b.raw');
  });

  it('raw-with-backing: a top with no driver type, and a raw layer with a backing store', () => {
    const mid = x("      <backingStore type='file'>", "        <format type='raw'/><source file='/img/mid.raw'/>", `  ${layer(" type='file'", RAW_BASE)}`, '      </backingStore>');
    const r = checkText(overTop(mid).replace("      <driver name='qemu' type='qcow2'/>\n", ''));
    const hits = r.diagnostics.filter((d) => d.code === 'raw-with-backing');
    expect(hits.map((d) => [d.severity, d.line, d.col])).toEqual([['error', 3, 5], ['error', 5, 7]]);
    expect(hits[0]!.message).toContain('no format');
  });

  it('duplicate-image: one image as the top of two disks; a shared read-only base is fine', () => {
    const base = layer(" type='file'", `${RAW_BASE}<backingStore/>`);
    expect(checkText(dom(...diskLines('vda', '/img/a.qcow2', base), ...diskLines('vdb', '/img/b.qcow2', base))).diagnostics).toEqual([]);
    const r = checkText(dom(...diskLines('vda', '/img/a.qcow2', base), ...diskLines('vdb', '/img/a.qcow2', base)));
    const d = expectOne(r.diagnostics, 'duplicate-image', 'error', 9, 5);
    expect(d.disk).toBe(1);
    expect(d.message).toContain('/img/a.qcow2');
    expect(d.message).toMatch(/vda\[\d+\]/);
  });

  it('relative-path: an error in the libvirt dialect, a warning in the proposal dialect', () => {
    const rel = (attr: string): string => overTop(layer(" type='file'", `<format type='raw'/><source ${attr}='images/base.raw'/>`));
    const libvirt = checkText(rel('file'));
    expect(libvirt.doc!.dialect).toBe('libvirt');
    expect(expectOne(libvirt.diagnostics, 'relative-path', 'error', 6, 7).message).toContain("'images/base.raw'");
    const proposal = checkText(rel('path'));
    expect(proposal.doc!.dialect).toBe('proposal');
    expectOne(proposal.diagnostics, 'relative-path', 'warning', 6, 7);
  });

  it('index-invalid: a malformed index (from the reader)', () => {
    const text = overTop(layer(" type='file' index='one'", RAW_BASE)).replace("top.qcow2'", "top.qcow2' index='2'");
    expectOne(checkText(text).diagnostics, 'index-invalid', 'error', 6, 7);
  });

  it('index-invalid: an index used twice across disks in the libvirt dialect', () => {
    const disk = (dev: string, top: number, base: number): string[] =>
      diskLines(dev, `/img/${dev}.qcow2' index='${top}`, layer(` type='file' index='${base}'`, `<format type='raw'/><source file='/img/${dev}-base.raw'/>`));
    expect(checkText(dom(...disk('vda', 3, 4), ...disk('vdb', 1, 2))).diagnostics).toEqual([]);
    const r = checkText(dom(...disk('vda', 1, 2), ...disk('vdb', 3, 2)));
    expect(r.doc!.state).toBe('running');
    const d = expectOne(r.diagnostics, 'index-invalid', 'error', 12, 7);
    expect(d.message).toContain("index='2'");
    expect(d.message).toContain('/img/vda-base.raw');
  });

  it('index-invalid: index 0 in the libvirt dialect', () => {
    const doc = checkText(chainXml(2, true)).doc!;
    const top = doc.disks[0]!.src;
    const edited: DomainDoc = { ...doc, disks: [{ ...doc.disks[0]!, src: { ...top, backing: [{ ...top.backing[0]!, id: 0 }] } }] };
    expect(expectOne(validate(edited), 'index-invalid', 'error', 6, 1).message).toContain("index='0'");
  });

  it('index-invalid: a node id twice within a disk in the proposal dialect, but not across disks', () => {
    expectOne(checkText(MAIL_QUORUM.replace("node='[3]'", "node='[2]'")).diagnostics, 'index-invalid', 'error', 12, 3);
    const other = MAIL_QUORUM.replace(/path\/to/g, 'other').replace("'hda'", "'hdb'").replace("'ide0-0-0'", "'ide0-0-1'");
    expect(codes(x('<domain>', '<devices>', MAIL_QUORUM, other, '</devices>', '</domain>'))).toEqual([]);
  });

  it('chain-deep: once per disk, at its top', () => {
    expect(checkText(chainXml(50)).diagnostics).toEqual([]);
    expect(expectOne(checkText(chainXml(51)).diagnostics, 'chain-deep', 'warning', 3, 1).message).toContain('51 levels');
  });

  it('the proposal node names (ide0-0-0[4]) are not a diagnostic: they are addresses, taught in the inspector and glossary', () => {
    expect(codes(MAIL_QUORUM)).toEqual([]);
  });

  it('alias-ignored: an alias without ua- (or with bad characters), at the <alias>', () => {
    const aliased = (name: string): string => overTop(`      <alias name='${name}'/>`);
    expectOne(checkText(aliased('virtio-disk0')).diagnostics, 'alias-ignored', 'warning', 6, 7);
    expectOne(checkText(aliased('ua-my disk')).diagnostics, 'alias-ignored', 'warning', 6, 7);
    // The top has no <backingStore>: its chain ends open, which only says the counter is provisional.
    expect(codes(aliased('ua-my_disk-1'))).toEqual(['ids-provisional']);
  });
});

describe('clean documents, places, order and robustness', () => {
  it('a clean libvirt chain has no diagnostics, offline or running', () => {
    expect(checkText(chainXml(4)).diagnostics).toEqual([]);
    const running = checkText(chainXml(4, true));
    expect(running.doc!.state).toBe('running');
    expect(running.diagnostics).toEqual([]);
  });

  it("the design mail's quorum Q[a, b <- c, d] has no errors or warnings", () => {
    const r = checkText(MAIL_QUORUM);
    expect([r.doc!.dialect, r.doc!.state]).toEqual(['proposal', 'running']);
    expect(r.diagnostics.map((d) => d.code)).toEqual([]);
  });

  it('a node created by an edit (no loc) points at its disk, or at 1:1 when the disk has none either', () => {
    const doc = checkText(chainXml(2)).doc!;
    const top = doc.disks[0]!.src;
    const added: SrcNode = { ...top.backing[0]!, uid: 'n-new', loc: null, format: null };
    const disk = { ...doc.disks[0]!, src: { ...top, backing: [added] } };
    expect(expectOne(validate({ ...doc, disks: [disk] }), 'backing-format-missing', 'error', 3, 1).node).toBe('n-new');
    expectOne(validate({ ...doc, disks: [{ ...disk, loc: null }] }), 'backing-format-missing', 'error', 1, 1);
  });

  it('checkText sorts reader and validation diagnostics by line and column', () => {
    const r = checkText(dom('    <disk>', "      <source file='/img/top.qcow2' index='x'/>", layer(" type='file' index='2'", "<source file='/img/b.raw'/>"), '    </disk>'));
    const places = r.diagnostics.map((d) => [d.line, d.col]);
    expect(places).toEqual([...places].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!));
    expect(r.diagnostics.map((d) => d.code)).toEqual(['disk-type-default', 'raw-with-backing', 'index-invalid', 'backing-format-missing']);
  });

  // Its speed is a bench row (npm run bench: "chain 5,000 levels", validate stage), not a timed unit test.
  it('a 5,000-level chain validates without overflowing the stack', () => {
    const r = checkText(chainXml(5000));
    expect(r.diagnostics.map((d) => d.code)).toEqual(['chain-deep']);
    expect(validate(r.doc!).map((d) => d.code)).toEqual(['chain-deep']);
  });

  it('never throws, whatever the text', () => {
    const pieces = ['<domain>', '</domain>', '<devices>', '</devices>', "<disk type='quorum'>", '<disk>', '</disk>', "<backingStore type='file'>", '<backingStore>'];
    pieces.push('</backingStore>', "<driver type='qcow2' threshold='x'/>", "<source file='a'/>", "<target dev='vda'/>", '&amp;', '<!DOCTYPE d [<!ENTITY e "x">]>', '&e;', '<', '>', "'");
    const texts = fc.oneof(fc.string(), fc.array(fc.constantFrom(...pieces)).map((a) => a.join('')));
    // A document that failed to load must say why; one that loaded may be clean.
    fc.assert(fc.property(texts, (text) => checkText(text).doc !== null || checkText(text).diagnostics.length > 0), { numRuns: 300 });
  });
});
