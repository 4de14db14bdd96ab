/**
 * `9996` -> `9,996`, as `toLocaleString('en-US')` writes it, without Intl: a page's first call of that loads ICU,
 * 18-31 ms in Chromium here, and the first "… 9,996 layers …" node was drawn in the task that applies a pasted chain
 * (CPU profile, issue 12). Strata's texts are English, so the grouping is fixed.
 */
export function thousands(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const [int, frac] = String(Math.abs(n)).split('.');
  if (int!.includes('e')) return String(n); // 1e21 and beyond: as String writes them
  return `${n < 0 ? '-' : ''}${int!.replace(/\B(?=(\d{3})+$)/g, ',')}${frac ? `.${frac}` : ''}`;
}
