/** The compression the share link is tested with: node:zlib, and the same web streams the browser uses (Node 20 has them too). */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { ShareCodec } from '../../../src/core/share/link';
import { ShareTooLarge } from '../../../src/core/share/link';

export const zlibCodec: ShareCodec = {
  deflate: async (bytes) => new Uint8Array(deflateRawSync(bytes, { level: 9 })),
  inflate: async (bytes, maxBytes) => {
    try {
      return new Uint8Array(inflateRawSync(bytes, { maxOutputLength: maxBytes }));
    } catch (e) {
      if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new ShareTooLarge(maxBytes);
      throw e;
    }
  },
};

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  return new Uint8Array(await new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(stream)).arrayBuffer());
}

/** CompressionStream('deflate-raw'), as src/state/share.ts uses it (without its output limit). */
export const streamCodec: ShareCodec = {
  deflate: (bytes) => pipe(bytes, new CompressionStream('deflate-raw')),
  inflate: (bytes) => pipe(bytes, new DecompressionStream('deflate-raw')),
};
