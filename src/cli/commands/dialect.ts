import type { Dialect } from '../../core/model/types';
import { UsageError } from '../shared/args';
import { parseDialectName } from '../../core/dialect/rules';

export function parseDialect(value: string): Dialect {
  const d = parseDialectName(value);
  if (d !== null) return d;
  throw new UsageError(`Unknown dialect '${value}': use libvirt or proposal.`);
}
