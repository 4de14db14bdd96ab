/**
 * The diagnostic codes of `strata import` (added to DiagnosticCode in
 * ../diagnostics.ts), and what each means. The chain-depth warning is
 * validate's own `chain-deep`: the imported document is validated like any
 * other, so it is not repeated here.
 */
import type { DiagnosticCode } from '../model/diagnostics';

export type ImportCode = Extract<DiagnosticCode, `import-${string}`>;

export const IMPORT_CODES: Readonly<Record<ImportCode, string>> = {
  'import-backing-format-missing': 'an image header names a backing file but not its format (QEMU 6.1+ refuses to create such images)',
  'import-backing-relative': 'an image header names its backing file by a relative path, resolved against the image directory',
  'import-relative-name': 'the tool was given a relative file name, so the paths it printed are relative to where it ran',
  'import-dirty': "an image's dirty flag is set (not closed cleanly with lazy refcounts)",
  'import-corrupt': 'QEMU marked an image corrupt',
  'import-guessed': 'something the output does not carry (a target, the domain name) was made up, and says so',
  'import-format-unknown': 'the output does not give the image formats',
  'import-chain-unknown': 'the output shows only the top of a chain: the rest is left open (unknown)',
  'import-mismatch': 'two inputs disagree about the same disk',
  'import-quorum': 'the document has a quorum, so it is written in the proposal dialect',
  'import-no-index': "a QEMU node has no libvirt node-name, so the document has no id for it",
  'import-ambiguous': 'several QEMU nodes fit a link; the one chosen is said',
  'import-unattached': 'QEMU nodes that no device uses were left out',
};
