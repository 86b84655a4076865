/** formatSummary's row count, grouped by thousands as toLocaleString('en-US') groups it, without ICU. */
import { describe, expect, it } from 'vitest';
import { groupedThousands } from '../../src/cli/format-summary.js';

describe('groupedThousands', () => {
  it("writes a count as toLocaleString('en-US') does", () => {
    // expected strings are the en-US grouping (commas every three digits from the right)
    expect(groupedThousands(0)).toBe('0');
    expect(groupedThousands(999)).toBe('999');
    expect(groupedThousands(1000)).toBe('1,000');
    expect(groupedThousands(20_000_000)).toBe('20,000,000');
    expect(groupedThousands(1_234_567_890)).toBe('1,234,567,890');
    for (const n of [7, 12_345, 999_999, 1_000_001, 9_007_199_254_740_991]) expect(groupedThousands(n)).toBe(n.toLocaleString('en-US'));
  });
});
