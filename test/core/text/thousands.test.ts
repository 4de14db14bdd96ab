import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { thousands } from '../../../src/core/text/thousands';

describe('thousands (digit grouping without Intl)', () => {
  it("writes every safe integer as toLocaleString('en-US') does", () => {
    fc.assert(fc.property(fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (n) => thousands(n) === n.toLocaleString('en-US')));
    for (const n of [0, 7, 999, 1000, 9996, 10_000, 123_456_789, -1000]) expect(thousands(n)).toBe(n.toLocaleString('en-US'));
  });

  it('keeps a fraction as String writes it, and non-finite numbers as they are', () => {
    expect(thousands(12345.5)).toBe('12,345.5');
    expect(thousands(NaN)).toBe('NaN');
    expect(thousands(-Infinity)).toBe('-Infinity');
    expect(thousands(1e21)).toBe('1e+21');
  });
});
