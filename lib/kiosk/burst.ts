/**
 * The kiosk burst rule (docs/abuse-rules.md, "Kiosks"): a citizen takes at
 * least ten seconds to walk up, tap and read the thanks, so more than 12
 * ratings tapped on one kiosk within 2 minutes is someone pressing for a
 * result. The extra ones are stored (nothing is thrown away) but flagged
 * `kiosk_burst` and left out of the indicators.
 */
export type KioskBurstRule = { windowMs: number; max: number };

export const KIOSK_BURST_RULE: KioskBurstRule = { windowMs: 2 * 60_000, max: 12 };

/**
 * For each new tap time (epoch ms, in the order given), whether it is beyond
 * the threshold: `max` ratings of the same kiosk were already tapped in the
 * window before it (`t - windowMs < t' <= t`), counting the ratings stored
 * before and the earlier new ones. Flagged ratings count too, so a sustained
 * burst stays flagged. Taps are looked at in time order; a tap stored earlier
 * with a later time does not count against an earlier one.
 */
export function flagKioskBursts(storedTaps: readonly number[], newTaps: readonly number[], rule: KioskBurstRule = KIOSK_BURST_RULE): boolean[] {
  type Event = { t: number; stored: boolean; index: number };
  const events: Event[] = [
    ...storedTaps.map((t, index) => ({ t, stored: true, index })),
    ...newTaps.map((t, index) => ({ t, stored: false, index })),
  ];
  // Time order; at the same instant what was stored comes first, then the new ones as given.
  events.sort((a, b) => a.t - b.t || Number(b.stored) - Number(a.stored) || a.index - b.index);
  const flags = newTaps.map(() => false);
  let left = 0;
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    while (events[left]!.t <= e.t - rule.windowMs) left++;
    if (!e.stored && i - left >= rule.max) flags[e.index] = true;
  }
  return flags;
}
