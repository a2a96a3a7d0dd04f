import { describe, expect, it } from 'vitest';
import { pressGuard } from './cooldown';

describe('pressGuard', () => {
  it.each([
    // until, now, window, accepted, new until
    [0, 1000, 4000, true, 0],
    [5000, 5000, 4000, true, 5000], // the guard ends exactly at `until`
    [5000, 4999, 4000, false, 8999], // a press just before the end extends it
    [5000, 1000, 4000, false, 5000], // never shortened
  ])('until %i, press at %i (window %i) → accepted %s, until %i', (until, now, windowMs, accepted, want) => {
    expect(pressGuard(until, now, windowMs)).toEqual({ accepted, until: want });
  });

  it('mashing every 100 ms for 10 s after a rating accepts nothing until 4 s after the last press', () => {
    let until = 4000; // a rating at t=0 with a 4 s cooldown
    let accepted = 0;
    for (let t = 100; t <= 10_000; t += 100) {
      const r = pressGuard(until, t, 4000);
      until = r.until;
      if (r.accepted) accepted++;
    }
    expect(accepted).toBe(0);
    expect(until).toBe(14_000);
    expect(pressGuard(until, 14_000, 4000).accepted).toBe(true);
  });
});
