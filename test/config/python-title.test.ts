import { describe, expect, it } from 'vitest';
import { defaultFriendlyName, pythonTitle } from '../../src/config/python-title.js';

describe('pythonTitle', () => {
  it('matches Python str.title()', () => {
    // python3 -c 'print("active_hours".replace("_", " ").title())' -> Active Hours
    expect(defaultFriendlyName('active_hours')).toBe('Active Hours');
    // python3 -c 'print("28day uRI count".title())' -> 28Day Uri Count
    expect(pythonTitle('28day uRI count')).toBe('28Day Uri Count');
    // python3 -c 'print("qualified_cumulative_days_of_use_v2".replace("_", " ").title())'
    expect(defaultFriendlyName('qualified_cumulative_days_of_use_v2')).toBe('Qualified Cumulative Days Of Use V2');
  });
});
