import type { OpeningHours } from '@/lib/opening-hours';
import { looksUnplugged } from './status';

/**
 * The scheduled job `kiosks.unplugged` (server/kiosk-outages.ts, every 10
 * minutes) turns "looks unplugged" (./status.ts: silent for more than 30
 * minutes of the office's opening hours, while it is open) into outages
 * with a start and an end, so that the office heads are told once per
 * outage and the staff home can say since when it is known. Pure.
 *
 * - A paired kiosk without an open outage that looks unplugged now: an
 *   outage starts, silent since its last contact (or its pairing).
 * - An open outage ends when its kiosk has been heard from since the
 *   silence began, or is no longer paired (revoked, re-paired: a new
 *   tablet is a new story). The office closing does not end it: a kiosk
 *   still silent at the next opening is the same outage.
 * - A kiosk heard from and silent again between two runs: the old outage
 *   ends and a new one starts.
 */

export type WatchedKiosk = { id: number; openingHours: OpeningHours; lastSeenAt: Date | null; pairedAt: Date | null };
export type OpenOutage = { id: number; kioskId: number; silentSince: Date };
export type OutagePlan = { start: { kioskId: number; silentSince: Date }[]; end: number[] };

export function planOutages(pairedKiosks: readonly WatchedKiosk[], open: readonly OpenOutage[], now: Date): OutagePlan {
  const byId = new Map(pairedKiosks.map((k) => [k.id, k]));
  const lastContact = (k: WatchedKiosk) => k.lastSeenAt ?? k.pairedAt;
  const end: number[] = [];
  const stillOpen = new Set<number>();
  for (const o of open) {
    const k = byId.get(o.kioskId);
    const last = k ? lastContact(k) : null;
    if (!k || (last && last.getTime() > o.silentSince.getTime())) end.push(o.id);
    else stillOpen.add(o.kioskId);
  }
  const start: OutagePlan['start'] = [];
  for (const k of pairedKiosks) {
    const last = lastContact(k);
    if (stillOpen.has(k.id) || !last) continue;
    if (looksUnplugged(k.openingHours, last, now)) start.push({ kioskId: k.id, silentSince: last });
  }
  return { start, end };
}
