import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customPeriod } from '@/lib/indicators/periods';
import { openTestStore, type TestStore } from '@/db/testing';
import { addReadingProvince, type UnitRef } from '@/db/testing-reading';
import { loadOfficeTable, loadUnitDashboard } from './dashboard';

const NOW = new Date('2026-11-27T03:00:00Z');
let t: TestStore;
let province: UnitRef;
let centre: UnitRef;
let other: UnitRef;

beforeAll(async () => {
  t = await openTestStore();
  ({ province, centre, other } = await addReadingProvince({ ratings: 4000, now: NOW }));
}, 60_000);
afterAll(() => t.dispose());

describe('loaders', () => {
  const period = customPeriod('2026-06-01', '2026-11-27');

  it('give a unit the same totals on every section, equal to a raw count', async () => {
    const d = (await loadUnitDashboard({ scopePath: province.path }, { unitId: centre.id, period, bucket: 'week' }))!;
    const raw = (await t.conn.get<{ n: number; excluded: number }>(
      `select count(*) as n, sum(case when r.excluded then 1 else 0 end) as excluded from responses r join units u on u.id = r.unit_id
         where u.path >= ? and u.path < ? and r.submitted_at >= ? and r.submitted_at < ?`,
      [centre.path, `${centre.path.slice(0, -1)}0`, period.start, period.end],
    ))!;
    expect(d.current.responses).toBe(raw.n - raw.excluded);
    expect(d.current.excludedResponses).toBeGreaterThan(0);
    expect(d.current.excludedResponses).toBeLessThanOrEqual(raw.excluded);
    expect(d.trend.reduce((s, p) => s + p.summary.responses, 0)).toBe(d.current.responses);
    expect(d.counters.reduce((s, c) => s + c.summary.responses, 0)).toBe(d.current.responses);
    expect(d.channels.reduce((s, c) => s + c.responses, 0)).toBe(d.current.responses);
    expect(d.heatmap.grid.flat().reduce((s, n) => s + n, 0)).toBe(d.current.responses);
    expect(d.current.headline?.enoughData).toBe(true);
    expect(d.province.responses).toBeGreaterThan(d.current.responses);
    expect(d.comments!.total).toBeGreaterThan(0);
    expect(d.comments!.unanswered).toBe(d.comments!.total);
    expect(d.choices.find((c) => c.question.key === 'q10')!.total).toBeGreaterThan(0);
  });

  it('leave counters, hours and reasons to each office when the unit holds several', async () => {
    const d = (await loadUnitDashboard({ scopePath: province.path }, { unitId: province.id, period }))!;
    expect(d.offices).toBeGreaterThan(10);
    expect(d.current.responses).toBeGreaterThan(0);
    expect([d.counters, d.channels, d.choices]).toEqual([[], [], []]);
    expect(d.comments).toBeNull();
    expect(d.province).toBe(d.current);
    expect(d.heatmap.max).toBe(0);
    expect(d.bucket).toBe('month');
    expect(d.trend.reduce((s, p) => s + p.summary.responses, 0)).toBe(d.current.responses);
  });

  it('draw a daily trend asked for over 26 years by month, with a note, every rating still counted', async () => {
    const since2000 = customPeriod('2000-01-01', '2026-11-27');
    const d = (await loadUnitDashboard({ scopePath: province.path }, { unitId: centre.id, period: since2000, bucket: 'day' }))!;
    expect(d.bucket).toBe('month');
    expect(d.bucketNote).toMatch(/^Khoảng thời gian dài: biểu đồ hiển thị theo tháng thay vì theo ngày/);
    expect(d.trend).toHaveLength(323);
    expect(d.trend[0]!.key).toBe('2000-01');
    expect(d.trend.reduce((s, p) => s + p.summary.responses, 0)).toBe(d.current.responses);
    const month = (await loadUnitDashboard({ scopePath: province.path }, { unitId: centre.id, period, bucket: 'day' }))!;
    expect([month.bucket, month.bucketNote, month.trend.length]).toEqual(['day', null, period.days]);
  });

  it('refuse a unit outside the viewer\'s scope, and say so for an empty period', async () => {
    expect(await loadUnitDashboard({ scopePath: centre.path }, { unitId: other.id, period })).toBeNull();
    const empty = (await loadUnitDashboard({ scopePath: centre.path }, { unitId: centre.id, period: customPeriod('2020-01-01', '2020-01-31') }))!;
    expect(empty.current.responses).toBe(0);
    expect(empty.current.headline?.enoughData).toBe(false);
    expect(empty.trend.every((p) => p.summary.responses === 0)).toBe(true);
  });

  it('rank the province by the lower bound and keep an office head to their own line', async () => {
    const table = (await loadOfficeTable({ scopePath: province.path }, { period }))!;
    const ranked = table.lines.filter((l) => l.rank !== null);
    expect(ranked.length).toBeGreaterThan(5);
    for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1]!.indicator.low!).toBeGreaterThanOrEqual(ranked[i]!.indicator.low!);
    expect(table.lines.slice(ranked.length).every((l) => l.rank === null)).toBe(true);
    expect(table.total.responses).toBe(table.lines.reduce((s, l) => s + l.summary.responses, 0));

    const own = (await loadOfficeTable({ scopePath: centre.path }, { period }))!;
    expect(own.lines.map((l) => l.office.id)).toEqual([centre.id]);
    expect(await loadOfficeTable({ scopePath: centre.path }, { period, unitId: other.id })).toBeNull();
  });
});
