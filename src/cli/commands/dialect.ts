import type { Dialect } from '../../core/model/types';
import { UsageError } from '../args';

export function parseDialect(value: string): Dialect {
  if (value === 'libvirt' || value === 'proposal') return value;
  throw new UsageError(`Unknown dialect '${value}': use libvirt or proposal.`);
}
