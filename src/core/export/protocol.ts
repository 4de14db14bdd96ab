/**
 * The protocol ("storage") node of one image as blockdev-add arguments, in
 * the shapes libvirt generates (see the corpus' disk-backing-chains args):
 * `file`, `host_device` for block devices, and network protocols best effort.
 */
import type { SrcNode } from '../model/types';
import type { XmlElement } from '../xml/tree';
import { childElements, getAttr } from '../xml/tree';

/** A document that cannot be turned into QEMU commands; the message says why. */
export class ExportError extends Error {
  override readonly name = 'ExportError';
}

type Args = Record<string, unknown>;

const DEFAULT_PORTS: Readonly<Record<string, string>> = { nbd: '10809', rbd: '6789', iscsi: '3260', gluster: '24007', ssh: '22' };

interface Host {
  readonly name: string | null;
  readonly port: string | null;
  readonly socket: string | null;
}

function hosts(s: XmlElement): Host[] {
  return childElements(s, 'host').map((h) => ({ name: getAttr(h, 'name'), port: getAttr(h, 'port'), socket: getAttr(h, 'socket') }));
}

/** `a/b/c` → [`a`, `b/c`]: the first segment and the rest. */
function splitFirst(name: string): [string, string] {
  const i = name.indexOf('/');
  return i < 0 ? [name, ''] : [name.slice(0, i), name.slice(i + 1)];
}

function inet(h: Host, protocol: string): Args {
  return { type: 'inet', host: h.name ?? 'localhost', port: h.port ?? DEFAULT_PORTS[protocol] ?? '0' };
}

function network(s: XmlElement, what: string): Args {
  const protocol = getAttr(s, 'protocol');
  if (protocol === null) throw new ExportError(`${what} is a network source without a protocol.`);
  const name = getAttr(s, 'name') ?? '';
  const hs = hosts(s);
  const first = hs[0] ?? { name: null, port: null, socket: null };
  switch (protocol) {
    case 'nbd': {
      const server = first.socket !== null ? { type: 'unix', path: first.socket } : inet(first, protocol);
      return { driver: 'nbd', server, ...(name === '' ? {} : { export: name }) };
    }
    case 'rbd': {
      const [pool, image] = splitFirst(name);
      const server = hs.map((h) => ({ host: h.name ?? 'localhost', port: h.port ?? DEFAULT_PORTS.rbd }));
      return { driver: 'rbd', pool, image, ...(server.length > 0 ? { server } : {}) };
    }
    case 'iscsi': {
      const [target, lun] = splitFirst(name);
      return { driver: 'iscsi', portal: `${first.name ?? 'localhost'}:${first.port ?? DEFAULT_PORTS.iscsi}`, target, lun: Number(lun || '0'), transport: 'tcp' };
    }
    case 'gluster': {
      const [volume, path] = splitFirst(name);
      return { driver: 'gluster', volume, path, server: hs.map((h) => inet(h, protocol)) };
    }
    case 'ssh':
      return { driver: 'ssh', server: { host: first.name ?? 'localhost', port: first.port ?? DEFAULT_PORTS.ssh }, path: name.startsWith('/') ? name : `/${name}` };
    case 'http':
    case 'https':
    case 'ftp':
    case 'ftps': {
      const port = first.port === null ? '' : `:${first.port}`;
      return { driver: protocol, url: `${protocol}://${first.name ?? 'localhost'}${port}/${name.replace(/^\//, '')}` };
    }
    default:
      // Best effort for the rest: QEMU's drivers are named after the protocols.
      return { driver: protocol, ...(hs.length > 0 ? { server: inet(first, protocol) } : {}), ...(name === '' ? {} : { path: name }) };
  }
}

function nvme(s: XmlElement): Args {
  const addr = childElements(s, 'address')[0];
  const hex = (k: string, w: number): string => (getAttr(addr, k) ?? '0').replace(/^0x/, '').padStart(w, '0');
  return { driver: 'nvme', device: `${hex('domain', 4)}:${hex('bus', 2)}:${hex('slot', 2)}.${hex('function', 1)}`, namespace: Number(getAttr(s, 'namespace') ?? '1') };
}

/** blockdev-add arguments of an image's protocol node, without node-name and read-only flags. */
export function protocolArgs(node: Pick<SrcNode, 'type' | 'source'>, what: string): Args {
  const s = node.source;
  if (s === null) throw new ExportError(`${what} has no <source>, so there is nothing to open.`);
  const path = (attr: string): string => {
    const v = getAttr(s, attr);
    if (v === null || v === '') throw new ExportError(`${what} has no ${attr}= on its <source>.`);
    return v;
  };
  switch (node.type) {
    case 'file':
    case null:
      return { driver: 'file', filename: getAttr(s, 'file') ?? path('path') };
    case 'block':
      return { driver: 'host_device', filename: path('dev') };
    case 'network':
      return network(s, what);
    case 'nvme':
      return nvme(s);
    default:
      // volume needs libvirt's storage pools to find the file; dir and vhostuser have no blockdev equivalent here.
      throw new ExportError(`${what} is a ${node.type} source, which Strata cannot turn into a blockdev-add (libvirt resolves it on the host).`);
  }
}
