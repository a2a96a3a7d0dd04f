import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODE_ALPHABET, RECEIPT_CODE_LENGTH, normalizeCode } from '@/lib/codes';
import { openDb, type Db } from './client';
import { getSurveyTarget } from './queries/units-legacy';
import { DEMO_CODES, seedDemoIfEmpty, seedResponses } from './seed';

const NOW = new Date('2026-11-27T03:00:00Z'); // 10:00 in Hà Nội, a Friday
const RESPONSES = 2_000;
const SIX_MONTHS_AGO = new Date('2026-05-27T03:00:00Z').getTime();
const VN_OFFSET_MS = 7 * 3600_000;

let dir: string;
let db: Db;
let firstRun: ReturnType<typeof seedDemoIfEmpty>;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hailong-seed-'));
  db = openDb(path.join(dir, 'seed.db'));
  firstRun = seedDemoIfEmpty(db, { responses: RESPONSES, now: NOW });
});

afterAll(() => {
  db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const all = <T>(sql: string, ...params: unknown[]) => db.$client.prepare(sql).all(...params) as T[];
const one = <T>(sql: string, ...params: unknown[]) => db.$client.prepare(sql).get(...params) as T;
const count = (sql: string) => one<{ n: number }>(sql).n;

describe('seedDemoIfEmpty', () => {
  it('seeds the province once and is a no-op afterwards', () => {
    expect(firstRun).toEqual({ units: expect.any(Number), responses: RESPONSES });
    const before = { units: count('SELECT count(*) n FROM units'), responses: count('SELECT count(*) n FROM responses') };
    expect(before.responses).toBe(RESPONSES);
    expect(before.units).toBe(firstRun!.units);

    expect(seedDemoIfEmpty(db, { responses: RESPONSES, now: NOW })).toBeNull();
    expect(count('SELECT count(*) n FROM units')).toBe(before.units);
    expect(count('SELECT count(*) n FROM responses')).toBe(before.responses);
  });

  it('builds the merged province with rateable departments, centre and commune offices', () => {
    const kinds = Object.fromEntries(
      all<{ kind: string; n: number; rateable: number }>('SELECT kind, count(*) n, sum(code IS NOT NULL) rateable FROM units GROUP BY kind').map(
        (r) => [r.kind, r],
      ),
    );
    expect(kinds.province).toMatchObject({ n: 1, rateable: 0 });
    expect(kinds.department!.n).toBeGreaterThanOrEqual(6);
    expect(kinds.department!.rateable).toBe(kinds.department!.n);
    expect(kinds.commune).toMatchObject({ rateable: 0 });
    expect(kinds.commune!.n).toBeGreaterThanOrEqual(10);
    expect(one<{ name: string }>("SELECT name FROM units WHERE kind = 'province'").name).toBe('Tỉnh Ninh Bình');
    // Every rateable office offers procedure fields.
    expect(count('SELECT count(*) n FROM units u WHERE code IS NOT NULL AND NOT EXISTS (SELECT 1 FROM procedure_fields f WHERE f.unit_id = u.id)')).toBe(0);
  });

  it('gives the centre, its first counter and the disabled office their fixed codes', () => {
    // A code outside CODE_ALPHABET would 404 in the survey route before any lookup.
    for (const code of Object.values(DEMO_CODES)) expect(normalizeCode(code)).toBe(code);
    expect(DEMO_CODES).toEqual({ centre: 'TTHC22', centreCounter: 'TTHC23', disabledOffice: 'TAT999' });
    const centre = getSurveyTarget(db, { code: DEMO_CODES.centre });
    expect(centre).toMatchObject({ unit: { name: 'Trung tâm Phục vụ hành chính công tỉnh Ninh Bình' }, counter: null });
    const counter = getSurveyTarget(db, { code: DEMO_CODES.centreCounter });
    expect(counter?.unit.id).toBe(centre!.unit.id);
    expect(counter?.counter?.name).toMatch(/^Quầy 1 – /);
    expect(count(`SELECT count(*) n FROM counters WHERE unit_id = ${centre!.unit.id}`)).toBeGreaterThanOrEqual(6);

    expect(one<{ active: number }>('SELECT active FROM units WHERE code = ?', DEMO_CODES.disabledOffice).active).toBe(0);
    expect(getSurveyTarget(db, { code: DEMO_CODES.disabledOffice })).toBeNull();
  });
});

describe('seeded responses', () => {
  it('answer q1 and q2 on the 1–5 scale, every one of them', () => {
    const bad = count(`
      SELECT count(*) n FROM responses r LEFT JOIN (
        SELECT response_id,
          sum(question_key = 'q1' AND score BETWEEN 1 AND 5) q1,
          sum(question_key = 'q2' AND score BETWEEN 1 AND 5) q2
        FROM answers GROUP BY response_id
      ) a ON a.response_id = r.id
      WHERE coalesce(a.q1, 0) <> 1 OR coalesce(a.q2, 0) <> 1`);
    expect(bad).toBe(0);
    expect(count("SELECT count(*) n FROM answers WHERE score IS NOT NULL AND (score < 1 OR score > 5)")).toBe(0);
  });

  it('fall within office hours in UTC+7 during the six months before now', () => {
    const times = all<{ t: number; received: number }>('SELECT submitted_at t, received_at received FROM responses');
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

  it('let offices differ clearly in mean score', () => {
    const means = all<{ mean: number }>(`
      SELECT avg(a.score) mean FROM responses r JOIN answers a ON a.response_id = r.id AND a.question_key = 'q2'
      WHERE NOT r.excluded GROUP BY r.unit_id HAVING count(*) >= 30`).map((r) => r.mean);
    expect(means.length).toBeGreaterThanOrEqual(8);
    expect(Math.max(...means) - Math.min(...means)).toBeGreaterThan(0.5);
  });

  it('give reasons only after a low q1 or q2', () => {
    const reasonsAfterHighScores = count(`
      SELECT count(*) n FROM answers r WHERE r.question_key = 'q10' AND
        (SELECT min(score) FROM answers a WHERE a.response_id = r.response_id AND a.question_key IN ('q1', 'q2')) > 3`);
    expect(reasonsAfterHighScores).toBe(0);
    expect(count("SELECT count(*) n FROM answers WHERE question_key = 'q10'")).toBeGreaterThan(0);
    const options = all<{ choice: string }>("SELECT DISTINCT choice FROM answers WHERE question_key = 'q10'").map((r) => r.choice);
    expect(['attitude', 'guidance', 'waiting', 'trips', 'extra_papers', 'late', 'other']).toEqual(expect.arrayContaining(options));
  });

  it('carry a unique receipt code exactly when they carry a comment', () => {
    const commented = all<{ comment: string; receiptCode: string | null }>(
      'SELECT comment, receipt_code receiptCode FROM responses WHERE comment IS NOT NULL',
    );
    expect(commented.length / RESPONSES).toBeGreaterThan(0.07);
    expect(commented.length / RESPONSES).toBeLessThan(0.2);
    const code = new RegExp(`^[${CODE_ALPHABET}]{${RECEIPT_CODE_LENGTH}}$`);
    for (const r of commented) expect(r.receiptCode).toMatch(code);
    expect(count('SELECT count(*) n FROM responses WHERE comment IS NULL AND receipt_code IS NOT NULL')).toBe(0);
  });

  it('flag about 2% as abuse and exclude exactly those', () => {
    const flagged = count('SELECT count(*) n FROM responses WHERE flags IS NOT NULL');
    expect(flagged / RESPONSES).toBeGreaterThan(0.005);
    expect(flagged / RESPONSES).toBeLessThan(0.05);
    expect(count("SELECT count(*) n FROM responses WHERE (flags IS NOT NULL) <> excluded")).toBe(0);
    expect(count("SELECT count(*) n FROM responses WHERE flags NOT IN ('device_repeat', 'network_burst')")).toBe(0);
  });

  it('use mostly the QR channel and point at counters of their own office', () => {
    const channels = Object.fromEntries(all<{ channel: string; n: number }>('SELECT channel, count(*) n FROM responses GROUP BY channel').map((r) => [r.channel, r.n]));
    expect(channels.qr! / RESPONSES).toBeGreaterThan(0.6);
    expect(Object.keys(channels).sort()).toEqual(['kiosk', 'qr', 'web']);
    expect(count('SELECT count(*) n FROM responses r JOIN counters c ON c.id = r.counter_id WHERE c.unit_id <> r.unit_id')).toBe(0);
    expect(count('SELECT count(*) n FROM responses r JOIN procedure_fields f ON f.id = r.procedure_field_id WHERE f.unit_id <> r.unit_id')).toBe(0);
    expect(count('SELECT count(*) n FROM responses r JOIN units u ON u.id = r.unit_id WHERE u.code IS NULL OR NOT u.active')).toBe(0);
  });
});

describe('seedResponses', () => {
  it('is deterministic for a seed', () => {
    const ratings = () => {
      const mem = openDb(':memory:');
      seedDemoIfEmpty(mem, { responses: 300, now: NOW, seed: 7 });
      const rows = mem.$client
        .prepare("SELECT r.unit_id, r.submitted_at, r.comment, a.score FROM responses r JOIN answers a ON a.response_id = r.id AND a.question_key = 'q2' ORDER BY r.id")
        .all();
      mem.$client.close();
      return rows;
    };
    expect(ratings()).toEqual(ratings());
  });

  it('adds ratings to an already seeded database without clashing ids or receipts', () => {
    const before = count('SELECT count(*) n FROM responses');
    expect(seedResponses(db, { count: 500, now: NOW })).toBe(500);
    expect(count('SELECT count(*) n FROM responses')).toBe(before + 500);
    // Every answer belongs to a rating (ids are assigned by the seeder, not read back).
    expect(count('SELECT count(*) n FROM answers a LEFT JOIN responses r ON r.id = a.response_id WHERE r.id IS NULL')).toBe(0);
  });
});
