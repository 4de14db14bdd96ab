/**
 * Drafts for the conformance suite: a `type='qemu'` domain (TCG, no guest OS
 * needed) whose disks are chains of file or block layers, in the libvirt
 * dialect as a user would draft it (offline, no ids). A disk may show fewer
 * layers than its images really have (`shown`): its chain then ends open and
 * libvirt finds the rest in the image headers.
 */
export interface Layer {
  /** File name in the scenario's directory; for a block layer, the image behind the loop device. */
  readonly file: string;
  readonly format: 'qcow2' | 'raw';
  /** A block device (a loop device over the file). */
  readonly block?: boolean;
}

export interface DiskSpec {
  readonly target: string;
  /** The real chain, top first. */
  readonly layers: readonly Layer[];
  /** How many layers the XML writes (default all, terminated); fewer leaves the chain open. */
  readonly shown?: number;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/'/g, '&apos;').replace(/</g, '&lt;');

function source(l: Layer, path: (l: Layer) => string): string {
  return l.block ? `<source dev='${esc(path(l))}'/>` : `<source file='${esc(path(l))}'/>`;
}

/** One disk on one line (Strata re-indents it when it writes the draft). */
export function diskXml(d: DiskSpec, path: (l: Layer) => string, full = false): string {
  const layers = full ? d.layers : d.layers.slice(0, d.shown ?? d.layers.length);
  let inner = layers.length < d.layers.length ? '' : '<backingStore/>';
  for (let i = layers.length - 1; i >= 1; i--) {
    const l = layers[i]!;
    inner = `<backingStore type='${l.block ? 'block' : 'file'}'><format type='${l.format}'/>${source(l, path)}${inner}</backingStore>`;
  }
  const top = layers[0]!;
  return `<disk type='${top.block ? 'block' : 'file'}' device='disk'><driver name='qemu' type='${top.format}'/>${source(top, path)}${inner}<target dev='${d.target}' bus='virtio'/></disk>`;
}

/** The domain; `full` writes every disk's whole chain (what the images script must create). */
export function domainXml(name: string, disks: readonly DiskSpec[], path: (l: Layer) => string, full = false): string {
  return `<domain type='qemu'><name>${esc(name)}</name><memory unit='MiB'>64</memory><os><type arch='x86_64' machine='pc'>hvm</type></os><devices>${disks
    .map((d) => diskXml(d, path, full))
    .join('')}</devices></domain>`;
}
