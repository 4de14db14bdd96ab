/** The diagnostic codes of `strata check` (added to DiagnosticCode in ../model/diagnostics.ts), and what each means. */
import type { DiagnosticCode } from '../model/diagnostics';

export type CheckCode = Extract<DiagnosticCode, `check-${string}`>;

export const CHECK_CODES: Readonly<Record<CheckCode, string>> = {
  'check-layer-missing': 'the tools see a layer the XML lacks (its chain is shorter, or ends above it)',
  'check-layer-extra': 'the XML has a layer the tools do not see',
  'check-format': "a layer's format in the XML differs from what the tools report",
  'check-path': "a layer's path in the XML differs from the file the tools see in its place",
  'check-index': "a layer's index differs from the live node name (libvirt-N-format) or backingIndex",
  'check-disk-missing': 'the guest has a disk the XML does not',
  'check-disk-extra': 'the XML has a disk the guest does not',
  'check-disk-position': 'a disk was matched to the tools’ by its place in the list (neither target nor top path told)',
};
