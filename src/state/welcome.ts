/** Whether the first-visit welcome line was dismissed (remembered for this browser). */
import { readRaw, writeRaw } from './storage';

const KEY = 'strata.welcome.dismissed';

export function welcomeDismissed(): boolean {
  return readRaw(KEY) === '1';
}

export function dismissWelcome(): void {
  writeRaw(KEY, '1');
}
