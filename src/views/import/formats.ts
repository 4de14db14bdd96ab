/**
 * What the Import dialog says about each output it reads: a name, and the
 * exact command that prints it, so a user who has none yet knows what to
 * run on the host (issue "From the host", part 3). The detection itself is
 * the core's (core/import/detect.ts), asked per text as the user types.
 */
import { recognise } from '../../core/import/detect';
import type { InputFormat } from '../../core/import/types';

export interface FormatInfo {
  readonly label: string;
  readonly command: string;
}

export const FORMATS: Readonly<Record<InputFormat, FormatInfo>> = {
  'qemu-img-info': { label: 'qemu-img info (JSON)', command: 'qemu-img info --backing-chain --output=json -U /path/top.qcow2' },
  'query-named-block-nodes': {
    label: 'QMP query-named-block-nodes',
    command: `virsh qemu-monitor-command DOMAIN '{"execute":"query-named-block-nodes","arguments":{"flat":true}}'`,
  },
  'query-block': { label: 'QMP query-block', command: `virsh qemu-monitor-command DOMAIN '{"execute":"query-block"}'` },
  'x-debug-query-block-graph': { label: 'QMP x-debug-query-block-graph', command: `virsh qemu-monitor-command DOMAIN '{"execute":"x-debug-query-block-graph"}'` },
  domblklist: { label: 'virsh domblklist', command: 'virsh domblklist DOMAIN --details' },
  domstats: { label: 'virsh domstats --block', command: 'virsh domstats DOMAIN --block --backing' },
};

export type Detected = { readonly kind: 'empty' } | { readonly kind: 'format'; readonly format: InputFormat } | { readonly kind: 'unknown'; readonly message: string };

/** What printed this text, as the import will read it; never throws. */
export function detect(text: string, name: string): Detected {
  if (text.trim() === '') return { kind: 'empty' };
  try {
    return { kind: 'format', format: recognise(text, name).format };
  } catch (e) {
    return { kind: 'unknown', message: e instanceof Error ? e.message : String(e) };
  }
}
