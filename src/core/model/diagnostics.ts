/** A problem found in a document, with the place it points at. */
export type Severity = 'error' | 'warning' | 'info';

export type DiagnosticCode =
  | 'xml-malformed'
  | 'xml-entity'
  | 'no-disk'
  | 'unknown-disk-type'
  | 'quorum-no-members'
  | 'quorum-threshold-missing'
  | 'quorum-threshold-range'
  | 'quorum-in-libvirt'
  | 'blkverify-needs-two'
  | 'backing-type-missing'
  | 'backing-format-missing'
  | 'backing-source-missing'
  | 'backing-siblings'
  | 'raw-with-backing'
  | 'duplicate-image'
  | 'relative-path'
  | 'index-invalid'
  | 'chain-deep'
  | 'alias-ignored'
  | 'disk-type-default'
  | 'top-format-element'
  | 'layer-driver'
  | 'format-unknown'
  | 'target-duplicate'
  | 'element-ignored'
  | 'ids-provisional'
  // strata import (src/core/import/codes.ts says what each means)
  | 'import-backing-format-missing'
  | 'import-backing-relative'
  | 'import-relative-name'
  | 'import-dirty'
  | 'import-corrupt'
  | 'import-guessed'
  | 'import-format-unknown'
  | 'import-chain-unknown'
  | 'import-mismatch'
  | 'import-quorum'
  | 'import-no-index'
  | 'import-ambiguous'
  | 'import-unattached'
  // strata check (src/core/check/codes.ts says what each means)
  | 'check-layer-missing'
  | 'check-layer-extra'
  | 'check-format'
  | 'check-path'
  | 'check-index'
  | 'check-disk-missing'
  | 'check-disk-extra'
  | 'check-disk-position';

export interface Diagnostic {
  readonly severity: Severity;
  readonly code: DiagnosticCode;
  readonly message: string;
  /** 1-based line and column of the offending element (1:1 when it has no place in the text). */
  readonly line: number;
  readonly col: number;
  /** The node it is about, when there is one: disk index and the node's editor uid. */
  readonly disk?: number;
  readonly node?: string;
}
