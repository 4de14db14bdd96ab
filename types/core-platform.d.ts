/**
 * The platform globals src/core may use: what browsers, Node and Web
 * Workers all provide, declared narrowly for tsconfig.core.json (which sees
 * neither the DOM lib nor Node's types). Anything else is a boundary error.
 */
interface TextDecoderOptions {
  fatal?: boolean;
  ignoreBOM?: boolean;
}
declare class TextDecoder {
  constructor(label?: string, options?: TextDecoderOptions);
  readonly encoding: string;
  decode(input?: Uint8Array | ArrayBuffer, options?: { stream?: boolean }): string;
}
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
