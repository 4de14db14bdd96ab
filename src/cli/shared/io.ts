/**
 * What a command needs from the outside world, passed in so commands stay
 * plain functions (main.ts wires them to the process).
 */
import type { Diagnostic } from '../../core/model/diagnostics';
import type { DomainDoc } from '../../core/model/types';
import { loadText } from '../../core/io/document';
import { decodeXml } from '../../core/xml/decode';

export interface CliIO {
  /** The bytes (decoded here, as XML says: BOM, declaration) or text of FILE; '-' is stdin. Throws when the file cannot be read. */
  readonly readInput: (file: string) => Uint8Array | string;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** The name diagnostics use for FILE: stdin has no path. */
export function displayName(file: string): string {
  return file === '-' ? '<stdin>' : file;
}

/** `FILE:LINE:COL: SEVERITY: CODE: message`, the form compilers and editors understand. */
export function diagnosticLine(file: string, d: Pick<Diagnostic, 'line' | 'col' | 'severity' | 'code' | 'message'>): string {
  return `${displayName(file)}:${d.line}:${d.col}: ${d.severity}: ${d.code}: ${d.message}`;
}

/** FILE's text, or null after reporting why it could not be read (as an xml-malformed error at 1:1). */
export function readText(io: CliIO, file: string): string | null {
  let input: Uint8Array | string;
  try {
    input = io.readInput(file);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    io.err(diagnosticLine(file, { line: 1, col: 1, severity: 'error', code: 'xml-malformed', message: `cannot read the input: ${why}` }) + '\n');
    return null;
  }
  if (typeof input === 'string') return input;
  const decoded = decodeXml(input);
  if (decoded.ok) return decoded.text;
  io.err(diagnosticLine(file, { line: decoded.line, col: decoded.col, severity: 'error', code: 'xml-malformed', message: decoded.message }) + '\n');
  return null;
}

/** FILE read into a document, or null after printing the parse error. */
export function readDoc(io: CliIO, file: string): DomainDoc | null {
  const text = readText(io, file);
  if (text === null) return null;
  const loaded = loadText(text);
  if (!loaded.ok) {
    io.err(diagnosticLine(file, loaded.error) + '\n');
    return null;
  }
  return loaded.doc;
}
