/**
 * What the inspector offers for a node's fields (domain.md §1, §4): the
 * source types libvirt knows, the formats its schema accepts, network
 * protocols, and the disk-level `<driver>` attributes with their values.
 */
import { IMAGE_FORMATS, SOURCE_TYPES } from '../ops/nodes';

export const TYPES: readonly string[] = SOURCE_TYPES;
export const FORMATS: readonly string[] = IMAGE_FORMATS;
export const PROTOCOLS = ['nbd', 'rbd', 'gluster', 'iscsi', 'http', 'https', 'ftp', 'ftps', 'ssh', 'sheepdog', 'vxhs', 'nfs'] as const;

/** Disk-level `<driver>` attributes ('' = not set: libvirt's default). */
export const DRIVER_CHOICES: readonly { readonly attr: string; readonly label: string; readonly values: readonly string[] }[] = [
  { attr: 'cache', label: 'Cache', values: ['none', 'writethrough', 'writeback', 'directsync', 'unsafe'] },
  { attr: 'io', label: 'I/O', values: ['native', 'threads', 'io_uring'] },
  { attr: 'discard', label: 'Discard', values: ['unmap', 'ignore'] },
  { attr: 'detect_zeroes', label: 'Detect zeroes', values: ['on', 'off', 'unmap'] },
];

export const END_LABELS = {
  terminated: 'Terminated: <backingStore/>, no backing file',
  open: 'Open: no <backingStore>, QEMU probes the header',
} as const;
