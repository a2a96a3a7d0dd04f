import { describe, expect, it } from 'vitest';
import type { OpeningHours } from '@/lib/opening-hours';
import { planOutages, type OpenOutage, type WatchedKiosk } from './outages';

/** A local Vietnamese time (UTC+7) as a Date. 2026-11-23 is a Monday. */
const vn = (iso: string) => new Date(`${iso}+07:00`);
const closed: OpeningHours = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
const WEEKDAYS: OpeningHours = { ...closed, mon: ['07:30-17:00'], tue: ['07:30-17:00'], wed: ['07:30-17:00'], thu: ['07:30-17:00'], fri: ['07:30-17:00'] };

const kiosk = (id: number, lastSeen: string | null, paired = '2026-11-20T08:00:00'): WatchedKiosk => ({
  id,
  openingHours: WEEKDAYS,
  lastSeenAt: lastSeen ? vn(lastSeen) : null,
  pairedAt: vn(paired),
});
const outage = (id: number, kioskId: number, since: string): OpenOutage => ({ id, kioskId, silentSince: vn(since) });

describe('planOutages', () => {
  it.each([
    ['silent 40 min of opening hours, office open: starts, silent since the last contact', [kiosk(1, '2026-11-23T08:00:00')], [], '2026-11-23T08:40:00', { start: [{ kioskId: 1, silentSince: vn('2026-11-23T08:00:00') }], end: [] }],
    ['silent 20 min: nothing yet', [kiosk(1, '2026-11-23T08:00:00')], [], '2026-11-23T08:20:00', { start: [], end: [] }],
    ['silent since Friday evening, Monday 07:40: 10 open minutes only', [kiosk(1, '2026-11-27T16:55:00')], [], '2026-11-30T07:40:00', { start: [], end: [] }],
    ['never called since pairing: silent since the pairing', [kiosk(1, null, '2026-11-23T08:00:00')], [], '2026-11-23T09:00:00', { start: [{ kioskId: 1, silentSince: vn('2026-11-23T08:00:00') }], end: [] }],
    ['already open, still silent: nothing', [kiosk(1, '2026-11-23T08:00:00')], [outage(7, 1, '2026-11-23T08:00:00')], '2026-11-23T10:00:00', { start: [], end: [] }],
    ['open, office closed now, still silent: stays open', [kiosk(1, '2026-11-23T08:00:00')], [outage(7, 1, '2026-11-23T08:00:00')], '2026-11-23T20:00:00', { start: [], end: [] }],
    ['open, heard from again: ends', [kiosk(1, '2026-11-23T10:05:00')], [outage(7, 1, '2026-11-23T08:00:00')], '2026-11-23T10:10:00', { start: [], end: [7] }],
    ['open, heard from and silent again long enough: ends and a new one starts', [kiosk(1, '2026-11-23T09:00:00')], [outage(7, 1, '2026-11-23T08:00:00')], '2026-11-23T10:00:00', { start: [{ kioskId: 1, silentSince: vn('2026-11-23T09:00:00') }], end: [7] }],
    ['open, the kiosk no longer paired (revoked): ends', [], [outage(7, 1, '2026-11-23T08:00:00')], '2026-11-23T10:00:00', { start: [], end: [7] }],
    ['two kiosks, one silent', [kiosk(1, '2026-11-23T09:55:00'), kiosk(2, '2026-11-23T08:00:00')], [], '2026-11-23T10:00:00', { start: [{ kioskId: 2, silentSince: vn('2026-11-23T08:00:00') }], end: [] }],
  ] as const)('%s', (_name, kiosks, open, now, want) => expect(planOutages(kiosks, open, vn(now))).toEqual(want));
});
