import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODE_ALPHABET, RECEIPT_CODE_LENGTH, normalizeCode } from '@/lib/codes';
import { dayKeyOf, halfKey } from '@/lib/indicators/periods';
import { DEMO_CODES, seedDemoIfEmpty, seedResponses } from './seed';
import { installStore } from './store';
import { openDemoTestStore, openTestStore, type TestStore } from './testing';

const NOW = new Date('2026-11-27T03:00:00Z'); // 10:00 in Hà Nội, a Friday
const RESPONSES = 2_000;
const SIX_MONTHS_AGO = new Date('2026-05-27T03:00:00Z').getTime();
const VN_OFFSET_MS = 7 * 3600_000;

let t: TestStore;
let firstRun: Awaited<ReturnType<typeof seedDemoIfEmpty>>;

beforeAll(async () => {
  t = await openTestStore();
  firstRun = await seedDemoIfEmpty({ responses: RESPONSES, now: NOW });
});

afterAll(() => t.dispose());

const all = <T>(sql: string, ...params: unknown[]) => t.conn.all<T>(sql, params);
const one = async <T>(sql: string, ...params: unknown[]) => (await t.conn.get<T>(sql, params))!;
const count = async (sql: string) => (await one<{ n: number }>(sql)).n;

/** What the survey resolves a code to (units.ts getSurveyTarget): an active office, or an active counter of one. */
const surveyTarget = (code: string) =>
  t.conn.get<{ unitId: number; unitName: string; counterName: string | null }>(
    `select u.id as "unitId", u.name as "unitName", null as "counterName" from units u where u.code = ? and u.active = true
     union all
     select u.id, u.name, c.name from counters c join units u on u.id = c.unit_id where c.code = ? and c.active = true and u.active = true`,
    [code, code],
  );

describe('seedDemoIfEmpty', () => {
  it('seeds the province once and is a no-op afterwards', async () => {
    expect(firstRun).toEqual({ units: expect.any(Number), responses: RESPONSES });
    const before = { units: await count('SELECT count(*) n FROM units'), responses: await count('SELECT count(*) n FROM responses') };
    expect(before.responses).toBe(RESPONSES);
    expect(before.units).toBe(firstRun!.units);

    expect(await seedDemoIfEmpty({ responses: RESPONSES, now: NOW })).toBeNull();
    expect(await count('SELECT count(*) n FROM units')).toBe(before.units);
    expect(await count('SELECT count(*) n FROM responses')).toBe(before.responses);
  });

  it('builds the merged province with rateable departments, centre and commune offices', async () => {
    const kinds = Object.fromEntries(
      (
        await all<{ kind: string; n: number; rateable: number }>(
          'SELECT kind, count(*) n, sum(case when code IS NOT NULL then 1 else 0 end) rateable FROM units GROUP BY kind',
        )
      ).map((r) => [r.kind, r]),
    );
    expect(kinds.province).toMatchObject({ n: 1, rateable: 0 });
    expect(kinds.department!.n).toBeGreaterThanOrEqual(6);
    expect(kinds.department!.rateable).toBe(kinds.department!.n);
    expect(kinds.commune).toMatchObject({ rateable: 0 });
    expect(kinds.commune!.n).toBeGreaterThanOrEqual(10);
    expect((await one<{ name: string }>("SELECT name FROM units WHERE kind = 'province'")).name).toBe('Tỉnh Ninh Bình');
    // Every rateable office offers procedure fields.
    expect(await count('SELECT count(*) n FROM units u WHERE code IS NOT NULL AND NOT EXISTS (SELECT 1 FROM procedure_fields f WHERE f.unit_id = u.id)')).toBe(0);
    // Paths list the ids from the root down (units.ts createUnit), which every subtree query relies on.
    const bad = await all<{ id: number }>(
      "SELECT u.id FROM units u LEFT JOIN units p ON p.id = u.parent_id WHERE u.path <> coalesce(p.path, '/') || cast(u.id as text) || '/'",
    );
    expect(bad).toEqual([]);
  });

  it('gives the centre, its first counter and the disabled office their fixed codes', async () => {
    // A code outside CODE_ALPHABET would 404 in the survey route before any lookup.
    for (const code of Object.values(DEMO_CODES)) expect(normalizeCode(code)).toBe(code);
    expect(DEMO_CODES).toEqual({ centre: 'TTHC22', centreCounter: 'TTHC23', disabledOffice: 'TAT999' });
    const centre = await surveyTarget(DEMO_CODES.centre);
    expect(centre).toMatchObject({ unitName: 'Trung tâm Phục vụ hành chính công tỉnh Ninh Bình', counterName: null });
    const counter = await surveyTarget(DEMO_CODES.centreCounter);
    expect(counter?.unitId).toBe(centre!.unitId);
    expect(counter?.counterName).toMatch(/^Quầy 1 – /);
    expect(await count(`SELECT count(*) n FROM counters WHERE unit_id = ${centre!.unitId}`)).toBeGreaterThanOrEqual(6);

    expect((await one<{ active: number }>('SELECT active FROM units WHERE code = ?', DEMO_CODES.disabledOffice)).active).toBe(0);
    expect(await surveyTarget(DEMO_CODES.disabledOffice)).toBeUndefined();
  });
});

describe('seeded responses', () => {
  it('answer q1 and q2 on the 1–5 scale, every one of them', async () => {
    const bad = await count(`
      SELECT count(*) n FROM responses r LEFT JOIN (
        SELECT response_id,
          sum(case when question_key = 'q1' AND score BETWEEN 1 AND 5 then 1 else 0 end) q1,
          sum(case when question_key = 'q2' AND score BETWEEN 1 AND 5 then 1 else 0 end) q2
        FROM answers GROUP BY response_id
      ) a ON a.response_id = r.id
      WHERE coalesce(a.q1, 0) <> 1 OR coalesce(a.q2, 0) <> 1`);
    expect(bad).toBe(0);
    expect(await count('SELECT count(*) n FROM answers WHERE score IS NOT NULL AND (score < 1 OR score > 5)')).toBe(0);
  });

  it('fall within office hours in UTC+7 during the six months before now', async () => {
    const times = await all<{ t: number; received: number }>('SELECT submitted_at t, received_at received FROM responses');
    for (const { t, received } of times) {
      expect(received).toBe(t);
      expect(t).toBeGreaterThanOrEqual(SIX_MONTHS_AGO);
      expect(t).toBeLessThan(NOW.getTime());
      const local = new Date(t + VN_OFFSET_MS);
      const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
      const morning = minute >= 7 * 60 + 30 && minute < 11 * 60 + 30;
      const afternoon = minute >= 13 * 60 + 30 && minute < 17 * 60;
      const day = local.getUTCDay();
      const open = (day >= 1 && day <= 5 && (morning || afternoon)) || (day === 6 && morning);
      if (!open) throw new Error(`rating at ${local.toISOString()} (local) is outside office hours`);
    }
  });

  it('let offices differ clearly in mean score', async () => {
    const means = (
      await all<{ mean: number }>(`
      SELECT avg(a.score) mean FROM responses r JOIN answers a ON a.response_id = r.id AND a.question_key = 'q2'
      WHERE NOT r.excluded GROUP BY r.unit_id HAVING count(*) >= 30`)
    ).map((r) => Number(r.mean));
    expect(means.length).toBeGreaterThanOrEqual(8);
    expect(Math.max(...means) - Math.min(...means)).toBeGreaterThan(0.5);
  });

  it('give reasons only after a low q1 or q2', async () => {
    const reasonsAfterHighScores = await count(`
      SELECT count(*) n FROM answers r WHERE r.question_key = 'q10' AND
        (SELECT min(score) FROM answers a WHERE a.response_id = r.response_id AND a.question_key IN ('q1', 'q2')) > 3`);
    expect(reasonsAfterHighScores).toBe(0);
    expect(await count("SELECT count(*) n FROM answers WHERE question_key = 'q10'")).toBeGreaterThan(0);
    const options = (await all<{ choice: string }>("SELECT DISTINCT choice FROM answers WHERE question_key = 'q10'")).map((r) => r.choice);
    expect(['attitude', 'guidance', 'waiting', 'trips', 'extra_papers', 'late', 'other']).toEqual(expect.arrayContaining(options));
  });

  it('carry a unique receipt code exactly when they carry a comment', async () => {
    const commented = await all<{ comment: string; receiptCode: string | null }>(
      'SELECT comment, receipt_code "receiptCode" FROM responses WHERE comment IS NOT NULL',
    );
    expect(commented.length / RESPONSES).toBeGreaterThan(0.07);
    expect(commented.length / RESPONSES).toBeLessThan(0.2);
    const code = new RegExp(`^[${CODE_ALPHABET}]{${RECEIPT_CODE_LENGTH}}$`);
    for (const r of commented) expect(r.receiptCode).toMatch(code);
    expect(new Set(commented.map((r) => r.receiptCode)).size).toBe(commented.length);
    expect(await count('SELECT count(*) n FROM responses WHERE comment IS NULL AND receipt_code IS NOT NULL')).toBe(0);
  });

  it('flag about 2% as abuse and exclude exactly those', async () => {
    const flagged = await count('SELECT count(*) n FROM responses WHERE flags IS NOT NULL');
    expect(flagged / RESPONSES).toBeGreaterThan(0.005);
    expect(flagged / RESPONSES).toBeLessThan(0.05);
    expect(await count('SELECT count(*) n FROM responses WHERE (flags IS NOT NULL) <> excluded')).toBe(0);
    expect(await count("SELECT count(*) n FROM responses WHERE flags NOT IN ('device_repeat', 'network_burst')")).toBe(0);
  });

  it('use mostly the QR channel and point at counters of their own office', async () => {
    const channels = Object.fromEntries(
      (await all<{ channel: string; n: number }>('SELECT channel, count(*) n FROM responses GROUP BY channel')).map((r) => [r.channel, r.n]),
    );
    expect(channels.qr! / RESPONSES).toBeGreaterThan(0.6);
    expect(Object.keys(channels).sort()).toEqual(['kiosk', 'qr', 'web']);
    expect(await count('SELECT count(*) n FROM responses r JOIN counters c ON c.id = r.counter_id WHERE c.unit_id <> r.unit_id')).toBe(0);
    expect(await count('SELECT count(*) n FROM responses r JOIN procedure_fields f ON f.id = r.procedure_field_id WHERE f.unit_id <> r.unit_id')).toBe(0);
    expect(await count('SELECT count(*) n FROM responses r JOIN units u ON u.id = r.unit_id WHERE u.code IS NULL OR NOT u.active')).toBe(0);
  });

  it('are counted into the rollups by local (UTC+7) day, hour, weekday, month and half-month', async () => {
    const raw = await all<{ unitId: number; t: number; excluded: number; comment: string | null }>(
      'SELECT unit_id "unitId", submitted_at t, excluded, comment FROM responses',
    );
    const expectResponses = new Map<string, number>();
    for (const r of raw) {
      const local = new Date(r.t + VN_OFFSET_MS);
      const key = `${r.unitId}|${dayKeyOf(r.t)}|${local.getUTCHours()}|${((local.getUTCDay() + 6) % 7) + 1}|${r.excluded}`;
      expectResponses.set(key, (expectResponses.get(key) ?? 0) + 1);
    }
    const rolled = new Map<string, number>();
    for (const r of await all<{ unitId: number; day: string; hour: number; weekday: number; excluded: number; n: number }>(
      'SELECT unit_id "unitId", day, hour, weekday, excluded, sum(n) n FROM rollup_responses GROUP BY unit_id, day, hour, weekday, excluded',
    )) {
      rolled.set(`${r.unitId}|${r.day}|${r.hour}|${r.weekday}|${r.excluded}`, r.n);
    }
    expect(rolled).toEqual(expectResponses);

    const scored = await all<{ unitId: number; t: number; key: string; score: number; excluded: number }>(
      'SELECT r.unit_id "unitId", r.submitted_at t, a.question_key "key", a.score, r.excluded FROM answers a JOIN responses r ON r.id = a.response_id WHERE a.score IS NOT NULL',
    );
    const months = new Map<string, number[]>();
    const halves = new Map<string, number[]>();
    for (const a of scored) {
      const day = dayKeyOf(a.t);
      for (const [map, period] of [[months, day.slice(0, 7)], [halves, halfKey(day)]] as const) {
        const key = `${a.unitId}|${period}|${a.key}|${a.excluded}`;
        const levels = map.get(key) ?? [0, 0, 0, 0, 0];
        levels[a.score - 1]!++;
        map.set(key, levels);
      }
    }
    const read = async (table: string, column: string) =>
      new Map(
        (
          await all<{ unitId: number; period: string; key: string; excluded: number; n1: number; n2: number; n3: number; n4: number; n5: number }>(
            `SELECT unit_id "unitId", ${column} period, question_key "key", excluded, n1, n2, n3, n4, n5 FROM ${table}`,
          )
        ).map((r) => [`${r.unitId}|${r.period}|${r.key}|${r.excluded}`, [r.n1, r.n2, r.n3, r.n4, r.n5]]),
      );
    expect(await read('rollup_office_months', 'month')).toEqual(months);
    expect(await read('rollup_office_halves', 'half')).toEqual(halves);
    expect(await count('SELECT sum(n) n FROM rollup_scores')).toBe(scored.length);
    expect(await count('SELECT sum(n) n FROM rollup_choices')).toBe(await count('SELECT count(*) n FROM answers WHERE choice IS NOT NULL'));
    expect(await count('SELECT sum(n) n FROM rollup_flags')).toBe(await count('SELECT count(*) n FROM responses WHERE flags IS NOT NULL'));
    expect(await count('SELECT sum(commented) n FROM rollup_responses')).toBe(raw.filter((r) => r.comment !== null).length);
    expect(await count('SELECT count(*) n FROM low_ratings')).toBe(
      await count(`SELECT count(*) n FROM responses r WHERE NOT r.excluded
        AND (SELECT min(score) FROM answers a WHERE a.response_id = r.id AND a.score BETWEEN 1 AND 5) <= 2`),
    );
  });
});

describe('seedResponses', () => {
  it('is deterministic for a seed', async () => {
    const ratings = async () => {
      const other = await openTestStore();
      try {
        await seedDemoIfEmpty({ responses: 300, now: NOW, seed: 7 });
        return await other.conn.all(
          "SELECT r.unit_id, r.submitted_at, r.comment, a.score FROM responses r JOIN answers a ON a.response_id = r.id AND a.question_key = 'q2' ORDER BY r.id",
        );
      } finally {
        await other.dispose();
      }
    };
    const first = await ratings();
    expect(first).toHaveLength(300);
    expect(await ratings()).toEqual(first);
    // Each opened store was installed in turn: the file's own is the one the other tests use.
    installStore(t);
  }, 30_000);

  it('adds ratings to an already seeded database without clashing ids or receipts', async () => {
    const before = await count('SELECT count(*) n FROM responses');
    expect(await seedResponses({ count: 500, now: NOW })).toBe(500);
    expect(await count('SELECT count(*) n FROM responses')).toBe(before + 500);
    // Every answer belongs to a rating (ids are assigned by the seeder, not read back).
    expect(await count('SELECT count(*) n FROM answers a LEFT JOIN responses r ON r.id = a.response_id WHERE r.id IS NULL')).toBe(0);
    expect(await count('SELECT sum(n) n FROM rollup_responses')).toBe(before + 500);
  });

  it('leaves the id sequence past the seeded ratings, so the next stored rating gets a fresh id', async () => {
    const max = await count('SELECT max(id) n FROM responses');
    const row = await t.conn.get<{ id: number }>(
      `INSERT INTO responses (client_id, unit_id, question_set_version_id, channel, submitted_at, received_at)
       SELECT 'after-seed', id, (SELECT min(id) FROM question_set_versions), 'qr', ?, ? FROM units WHERE code = ? RETURNING id`,
      [NOW.getTime(), NOW.getTime(), DEMO_CODES.centre],
    );
    expect(row!.id).toBeGreaterThan(max);
  });
});

describe('on a fresh database', () => {
  it('seeds once when two servers start at the same moment', async () => {
    const other = await openTestStore();
    try {
      const runs = await Promise.all([1, 2, 3].map(() => seedDemoIfEmpty({ responses: 50, now: NOW })));
      expect(runs.filter((r) => r !== null)).toHaveLength(1);
      expect(await other.conn.value<number>("select count(*) from units where kind = 'province'")).toBe(1);
      expect(await other.conn.value<number>('select count(*) from responses')).toBe(50);
    } finally {
      await other.dispose();
      installStore(t);
    }
  }, 30_000);

  it('openDemoTestStore hands over the province, the centre and another active office', async () => {
    const demo = await openDemoTestStore({ responses: 20, now: NOW });
    try {
      expect(await demo.t.conn.value<number>('select count(*) from responses')).toBe(20);
      expect(demo.province.path).toBe(`/${demo.province.id}/`);
      expect(await demo.t.conn.value<string>('select code from units where id = ?', [demo.centre.id])).toBe(DEMO_CODES.centre);
      expect(demo.other.id).not.toBe(demo.centre.id);
      expect(demo.other.path.startsWith(demo.province.path)).toBe(true);
      expect(await demo.t.conn.value<number>('select active from units where id = ?', [demo.other.id])).toBe(1);
    } finally {
      await demo.t.dispose();
      installStore(t);
    }
  }, 30_000);
});
