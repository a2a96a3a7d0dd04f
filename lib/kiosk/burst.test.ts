import { describe, expect, it } from 'vitest';
import { flagKioskBursts, KIOSK_BURST_RULE } from './burst';

const S = 1000;
const T0 = 1_800_000_000_000;
/** `n` taps `gap` seconds apart from `start` seconds. */
const taps = (n: number, gap: number, start = 0) => Array.from({ length: n }, (_, i) => T0 + (start + i * gap) * S);

describe('flagKioskBursts (more than 12 within 2 minutes)', () => {
  it('is 12 per 2 minutes by default', () => expect(KIOSK_BURST_RULE).toEqual({ windowMs: 120 * S, max: 12 }));

  it.each([
    ['12 taps 10 s apart: none', [], taps(12, 10), 0],
    ['13 taps 9 s apart: the 13th', [], taps(13, 9), 1],
    ['13 taps one second apart: the 13th', [], taps(13, 1), 1],
    ['20 taps one second apart: the last 8', [], taps(20, 1), 8],
    // 13 taps spread over exactly 2 minutes: the first has left the window when the 13th comes
    ['13 taps 10 s apart from 0 to 120 s: none', [], taps(13, 10), 0],
    ['a steady 1 per 10.5 s: none', [], taps(30, 10.5), 0],
  ])('%s', (_name, stored, fresh, want) => {
    expect(flagKioskBursts(stored, fresh).filter(Boolean)).toHaveLength(want);
  });

  it('the window is half-open: a tap exactly 2 minutes earlier does not count', () => {
    const fresh = [...taps(12, 0), T0 + 120 * S];
    expect(flagKioskBursts([], fresh).at(-1)).toBe(false);
    expect(flagKioskBursts([], [...taps(12, 0), T0 + 120 * S - 1]).at(-1)).toBe(true);
  });

  it('counts the ratings stored before, in time order', () => {
    expect(flagKioskBursts(taps(12, 1), [T0 + 20 * S])).toEqual([true]);
    expect(flagKioskBursts(taps(11, 1), [T0 + 20 * S, T0 + 21 * S])).toEqual([false, true]);
    // stored taps later than the new one do not count against it
    expect(flagKioskBursts(taps(12, 1, 60), [T0])).toEqual([false]);
    // …but the new one counts against what follows it in a later batch
    expect(flagKioskBursts([T0, ...taps(11, 1, 10)], [T0 + 30 * S])).toEqual([true]);
  });

  it('flags by tap time, whatever the order of the batch', () => {
    const fresh = taps(13, 1).reverse();
    const flags = flagKioskBursts([], fresh);
    expect(flags.filter(Boolean)).toHaveLength(1);
    expect(flags[0]).toBe(true); // the latest tap is the 13th
  });

  it('taken with a custom rule', () => {
    expect(flagKioskBursts([], taps(4, 1), { windowMs: 10 * S, max: 2 })).toEqual([false, false, true, true]);
  });
});
