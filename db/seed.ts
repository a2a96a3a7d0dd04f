import { and, eq, isNotNull } from 'drizzle-orm';
import { CODE_ALPHABET, RECEIPT_CODE_LENGTH } from '@/lib/codes';
import { DEFAULT_QUESTION_SET } from '@/lib/survey/question-set';
import { LOW_SCORE_MAX } from '@/lib/survey/scale';
import type { Db } from './client';
import { createQuestionSet, getActiveQuestionSetVersion } from './queries/question-sets';
import { addRollupsForResponses } from './queries/rollups';
import { countUnits, createCounter, createProcedureField, createUnit } from './queries/units-legacy';
import { counters, procedureFields, units } from './schema';
import {
  CENTRE,
  COMMENTS,
  COMMUNES,
  DEMO_CODES,
  DEPARTMENTS,
  DISABLED_OFFICE,
  PROVINCE_NAME,
  SAMPLE_COMMUNE_PREFIX,
  sampleCommune,
  sampleOfficeNumber,
  type CommentSeed,
  type OfficeSeed,
  type ReasonKey,
} from './seed-data';

export { DEMO_CODES } from './seed-data';

/** The default seed: the same seed on an empty database gives the same ratings. */
export const DEFAULT_SEED = 20261127;

export type SeedResult = { units: number; responses: number };
export type SeedOptions = {
  responses: number;
  now: Date;
  seed?: number;
  /** Ratings fall in the `months` calendar months before `now` (default 6). */
  months?: number;
  /** Add sample communes until the province has at least this many active rateable offices (benchmarks). */
  offices?: number;
};
export type SeedResponsesOptions = {
  count: number;
  /** Ratings fall in the `months` calendar months before this instant (default 6). */
  now: Date;
  seed?: number;
  months?: number;
};

/**
 * Seeds the demo province unless the database already holds any unit, so it
 * can run on every start. Returns null when it did nothing.
 */
export function seedDemoIfEmpty(db: Db, opts: SeedOptions): SeedResult | null {
  // IMMEDIATE takes the write lock before the check, so two processes
  // starting together cannot both see an empty database.
  const created = db.$client
    .transaction(() => (countUnits(db) > 0 ? null : createDemoTree(db) + addSampleOffices(db, { offices: opts.offices ?? 0 })))
    .immediate();
  if (created == null) return null;
  return { units: created, responses: seedResponses(db, { count: opts.responses, now: opts.now, seed: opts.seed, months: opts.months }) };
}

/** Seeds the demo province whatever the database holds (fixed DEMO codes clash on a second run). */
export function seedDemo(db: Db, opts: SeedOptions): SeedResult {
  const created = db.$client.transaction(() => createDemoTree(db) + addSampleOffices(db, { offices: opts.offices ?? 0 })).immediate();
  return { units: created, responses: seedResponses(db, { count: opts.responses, now: opts.now, seed: opts.seed, months: opts.months }) };
}

/**
 * Adds sample communes ("Xã Mẫu 1", "Xã Mẫu 2", … each with its one-stop
 * centre and 1–3 counters, seed-data.ts sampleCommune) under the province
 * until it has at least `offices` active rateable offices. Numbering goes on
 * after the sample communes already there, so it can be run again with a
 * larger number. Codes come from the usual generator. Returns the number of
 * units made (communes and offices).
 */
export function addSampleOffices(db: Db, { offices }: { offices: number }): number {
  const sqlite = db.$client;
  const add = () => {
    const have = sqlite.prepare('select count(*) from units where code is not null and active = 1').pluck().get() as number;
    if (have >= offices) return 0;
    const province = sqlite.prepare("select id from units where kind = 'province' order by id limit 1").pluck().get() as number | undefined;
    if (province === undefined) throw new Error('seed: no province; seed the demo first');
    const samples = sqlite
      .prepare("select count(*) from units where parent_id = ? and kind = 'commune' and name like ?")
      .pluck()
      .get(province, `${SAMPLE_COMMUNE_PREFIX} %`) as number;
    let order = sqlite.prepare('select coalesce(max(sort_order), 0) + 1 from units where parent_id = ?').pluck().get(province) as number;
    let made = 0;
    for (let i = 0; i < offices - have; i++) {
      const commune = sampleCommune(samples + i + 1);
      const parent = createUnit(db, { parentId: province, kind: 'commune', name: commune.name, rateable: false, sortOrder: order++ });
      const office = createUnit(db, { parentId: parent.id, kind: 'office', name: commune.office.name, rateable: true });
      addCountersAndFields(db, office.id, commune.office);
      made += 2;
    }
    return made;
  };
  // Inside the demo's transaction already, or on its own.
  return sqlite.inTransaction ? add() : sqlite.transaction(add).immediate();
}

// ---------------------------------------------------------------------------
// The tree

/** Creates the question set, province, departments, centre and communes; returns the number of units. */
function createDemoTree(db: Db): number {
  const province = createUnit(db, { parentId: null, kind: 'province', name: PROVINCE_NAME, rateable: false });
  // The default set is the province's: only its administrators change it (lib/auth/question-set-scope.ts).
  createQuestionSet(db, { name: 'Bộ câu hỏi mặc định', isDefault: true, definition: DEFAULT_QUESTION_SET, ownerUnitId: province.id });
  let made = 1;
  let order = 0;

  for (const dept of DEPARTMENTS) {
    const unit = createUnit(db, { parentId: province.id, kind: 'department', name: dept.name, rateable: true, sortOrder: order++ });
    addCountersAndFields(db, unit.id, dept);
    made++;
  }

  const centre = createUnit(db, {
    parentId: province.id, kind: 'centre', name: CENTRE.name, rateable: true, sortOrder: order++, code: DEMO_CODES.centre,
  });
  addCountersAndFields(db, centre.id, CENTRE, DEMO_CODES.centreCounter);
  made++;

  for (const commune of COMMUNES) {
    const parent = createUnit(db, { parentId: province.id, kind: 'commune', name: commune.name, rateable: false, sortOrder: order++ });
    const office = createUnit(db, { parentId: parent.id, kind: 'office', name: commune.office.name, rateable: true });
    addCountersAndFields(db, office.id, commune.office);
    made += 2;
    if (commune.name === DISABLED_OFFICE.communeName) createDisabledOffice(db, parent.id);
  }
  return made + 1;
}

function addCountersAndFields(db: Db, unitId: number, office: OfficeSeed, firstCounterCode?: string) {
  office.counters.forEach((name, i) => {
    createCounter(db, { unitId, name, sortOrder: i, code: i === 0 ? firstCounterCode : undefined });
  });
  office.fields.forEach((name, i) => createProcedureField(db, { unitId, name, sortOrder: i }));
}

function createDisabledOffice(db: Db, parentId: number) {
  const unit = createUnit(db, {
    parentId, kind: 'office', name: DISABLED_OFFICE.name, rateable: true, sortOrder: 1, code: DEMO_CODES.disabledOffice,
  });
  DISABLED_OFFICE.fields.forEach((name, i) => createProcedureField(db, { unitId: unit.id, name, sortOrder: i }));
  // units.ts has no "disable" query yet; this is the one write the seed does by hand.
  db.update(units).set({ active: false }).where(eq(units.id, unit.id)).run();
}

// ---------------------------------------------------------------------------
// Randomness

export type Rng = {
  /** Uniform in [0, 1). */
  next(): number;
  u32(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** Standard normal. */
  normal(): number;
};

/**
 * sfc32 seeded through mulberry32. Not mulberry32 alone: its 32-bit state
 * repeats 128-bit client ids after ~77,000 draws (birthday bound), and a
 * million-row seed would trip the unique index.
 */
export function createRng(seed: number): Rng {
  let m = seed >>> 0;
  const mulberry = () => {
    m = (m + 0x6d2b79f5) | 0;
    let t = Math.imul(m ^ (m >>> 15), 1 | m);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
  let a = mulberry(), b = mulberry(), c = mulberry(), d = mulberry();
  const u32 = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) u32();
  const next = () => u32() / 4294967296;
  let spare: number | null = null;
  return {
    next,
    u32,
    int: (n) => Math.floor(next() * n),
    normal() {
      if (spare != null) {
        const s = spare;
        spare = null;
        return s;
      }
      const u = 1 - next();
      const r = Math.sqrt(-2 * Math.log(u));
      const theta = 2 * Math.PI * next();
      spare = r * Math.sin(theta);
      return r * Math.cos(theta);
    },
  };
}

/** A stable number from a string (FNV-1a), so an office keeps its character across runs. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex32 = (u: number) => HEX[u >>> 24]! + HEX[(u >>> 16) & 255]! + HEX[(u >>> 8) & 255]! + HEX[u & 255]!;
const randomHex128 = (rng: Rng) => hex32(rng.u32()) + hex32(rng.u32()) + hex32(rng.u32()) + hex32(rng.u32());

/**
 * A UUIDv7 (time-ordered) client id. Seeded ratings arrive in time order, so
 * the unique index fills at its end instead of at random pages: with random
 * v4 ids a million-row seed rewrote most of that index on every commit.
 */
function timeOrderedUuid(rng: Rng, ms: number): string {
  const t = ms.toString(16).padStart(12, '0');
  const a = hex32(rng.u32());
  const b = hex32(rng.u32());
  const c = hex32(rng.u32());
  const variant = '89ab'[rng.int(4)]!;
  return `${t.slice(0, 8)}-${t.slice(8)}-7${a.slice(0, 3)}-${variant}${a.slice(3, 6)}-${b}${c.slice(0, 4)}`;
}

function receiptCode(rng: Rng, taken: Set<string>): string {
  for (;;) {
    let code = '';
    for (let i = 0; i < RECEIPT_CODE_LENGTH; i++) code += CODE_ALPHABET[rng.int(CODE_ALPHABET.length)];
    if (!taken.has(code)) {
      taken.add(code);
      return code;
    }
  }
}

/** Picks an index with probability proportional to its weight, from cumulative weights. */
function pickCumulative(cum: Float64Array, r: number): number {
  const target = r * cum[cum.length - 1]!;
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid]! > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function cumulative(weights: number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => (out[i] = sum += w));
  return out;
}

// ---------------------------------------------------------------------------
// When citizens come: office hours in Asia/Ho_Chi_Minh (UTC+7, no DST)

const VN_OFFSET_MS = 7 * 3600_000;
const MINUTE = 60_000;
const DAY = 86_400_000;

/** Half-hour slots (local minutes from midnight) with a morning peak; Saturday opens mornings only. */
const SLOTS: { start: number; weight: number; morning: boolean }[] = [
  [450, 0.8], [480, 1.3], [510, 1.6], [540, 1.7], [570, 1.6], [600, 1.4], [630, 1.1], [660, 0.7],
  [810, 0.7], [840, 1.0], [870, 1.1], [900, 1.0], [930, 0.9], [960, 0.7], [990, 0.4],
].map(([start, weight]) => ({ start: start!, weight: weight!, morning: start! < 720 }));
const WEEKDAY_SLOTS = cumulative(SLOTS.map((s) => s.weight));
const SATURDAY_SLOTS = cumulative(SLOTS.filter((s) => s.morning).map((s) => s.weight));
const SLOT_MINUTES = 30;

/** Relative traffic by local weekday (0 = Sunday): Mondays are busiest; some offices open Saturday mornings. */
const WEEKDAY_VOLUME = [0, 1.25, 1.1, 1, 1, 0.95, 0.15];
/** Fixed-date public holidays (MM-DD); the lunar New Year moves and is left out. */
const HOLIDAYS = new Set(['01-01', '04-30', '05-01', '09-01', '09-02']);
/** Use grows over the period: the last day sees this much more traffic than the first. */
const VOLUME_GROWTH = 0.3;

type TimeWindow = { start: number; end: number };

function windowBefore(now: Date, months: number): TimeWindow {
  // A shorter window could hold no office hour at all, and sampling would never end.
  if (!Number.isInteger(months) || months < 1) throw new Error(`seed: months must be a whole number ≥ 1 (got ${months})`);
  const start = new Date(now.getTime());
  start.setUTCMonth(start.getUTCMonth() - months);
  return { start: start.getTime(), end: now.getTime() };
}

type OpenDay = { utcMidnight: number; saturday: boolean };

/** Local working days touching the window, with cumulative traffic weights. */
function openDays(w: TimeWindow): { days: OpenDay[]; cum: Float64Array } {
  const days: OpenDay[] = [];
  const weights: number[] = [];
  const firstLocal = Math.floor((w.start + VN_OFFSET_MS) / DAY) * DAY;
  for (let local = firstLocal; local - VN_OFFSET_MS < w.end; local += DAY) {
    const d = new Date(local);
    const dow = d.getUTCDay();
    const md = `${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
    if (dow === 0 || HOLIDAYS.has(md)) continue;
    const progress = (local - firstLocal) / Math.max(DAY, w.end - w.start);
    days.push({ utcMidnight: local - VN_OFFSET_MS, saturday: dow === 6 });
    weights.push(WEEKDAY_VOLUME[dow]! * (1 + VOLUME_GROWTH * progress));
  }
  return { days, cum: cumulative(weights) };
}

/** `count` submission times inside the window and office hours, ascending (ids then follow time, as in real use). */
function sampleTimes(rng: Rng, count: number, w: TimeWindow): Float64Array {
  const { days, cum } = openDays(w);
  const out = new Float64Array(count);
  if (days.length === 0) throw new Error('no office day in the seeding window');
  for (let i = 0; i < count; ) {
    const day = days[pickCumulative(cum, rng.next())]!;
    const slots = day.saturday ? SATURDAY_SLOTS : WEEKDAY_SLOTS;
    const slot = SLOTS[pickCumulative(slots, rng.next())]!;
    const t = day.utcMidnight + (slot.start + rng.next() * SLOT_MINUTES) * MINUTE;
    // The first and last days are cut by the window; redraw what falls outside.
    if (t < w.start || t >= w.end) continue;
    out[i++] = Math.floor(t);
  }
  return out.sort();
}

// ---------------------------------------------------------------------------
// The offices being rated

type OfficeModel = {
  id: number;
  versionId: number;
  keys: Set<string>;
  quality: number;
  trend: number;
  /** Busy offices make people wait: it shows in Q6. */
  waitingOffset: number;
  hasKiosk: boolean;
  counters: { id: number; offset: number }[];
  counterCum: Float64Array;
  fieldIds: number[];
  fieldCum: Float64Array;
  kioskDevice: string;
  kioskNetwork: string;
  /** A staff phone rating its own office again and again (domain.md §8). */
  repeatDevices: string[];
  burstNetwork: string;
};

const SEEDS_BY_NAME = new Map<string, OfficeSeed>(
  [...DEPARTMENTS, CENTRE, ...COMMUNES.map((c) => c.office)].map((o) => [o.name, o]),
);

/** Offices not made by the demo seed get a character from their name. */
function characterOf(name: string): Pick<OfficeSeed, 'quality' | 'trend' | 'volume' | 'kiosk'> {
  const known = SEEDS_BY_NAME.get(name);
  if (known) return known;
  const sample = sampleOfficeNumber(name);
  if (sample !== null) return sampleCommune(sample).office;
  const h = hashString(name);
  return { quality: 3.5 + (h % 1000) / 1000, trend: ((h >>> 10) % 100) / 250 - 0.1, volume: 1, kiosk: false };
}

/** Land dossiers draw the most complaints; other counters differ a little from their office. */
function counterOffset(name: string): number {
  if (name.includes('Đất đai')) return -0.35;
  return ((hashString(name) % 1000) / 1000 - 0.5) * 0.3;
}

/** Earlier counters and fields in the list are the busier ones. */
const busierFirst = (n: number) => cumulative(Array.from({ length: n }, (_, i) => 1 / (1 + 0.3 * i)));

function loadOffices(db: Db, rng: Rng): { offices: OfficeModel[]; cum: Float64Array } {
  const rows = db
    .select({ id: units.id, name: units.name, path: units.path })
    .from(units)
    .where(and(isNotNull(units.code), eq(units.active, true)))
    .all();
  const offices: OfficeModel[] = [];
  const volumes: number[] = [];
  for (const row of rows) {
    const version = getActiveQuestionSetVersion(db, { unitPath: row.path });
    if (!version) throw new Error('seed: no question set; seed the demo first');
    const c = characterOf(row.name);
    const officeCounters = db
      .select({ id: counters.id, name: counters.name })
      .from(counters)
      .where(and(eq(counters.unitId, row.id), eq(counters.active, true)))
      .orderBy(counters.sortOrder, counters.id)
      .all()
      .map((k) => ({ id: k.id, offset: counterOffset(k.name) }));
    const fieldIds = db
      .select({ id: procedureFields.id })
      .from(procedureFields)
      .where(and(eq(procedureFields.unitId, row.id), eq(procedureFields.active, true)))
      .orderBy(procedureFields.sortOrder, procedureFields.id)
      .all()
      .map((f) => f.id);
    offices.push({
      id: row.id,
      versionId: version.id,
      keys: new Set(version.definition.questions.map((q) => q.key)),
      quality: c.quality,
      trend: c.trend,
      waitingOffset: -0.15 - 0.06 * c.volume,
      hasKiosk: c.kiosk,
      counters: officeCounters,
      counterCum: busierFirst(officeCounters.length),
      fieldIds,
      fieldCum: busierFirst(fieldIds.length),
      kioskDevice: randomHex128(rng),
      kioskNetwork: randomHex128(rng),
      repeatDevices: [randomHex128(rng), randomHex128(rng), randomHex128(rng)],
      burstNetwork: randomHex128(rng),
    });
    volumes.push(c.volume);
  }
  if (offices.length === 0) throw new Error('seed: no active rateable office; seed the demo first');
  return { offices, cum: cumulative(volumes) };
}

// ---------------------------------------------------------------------------
// One response

const clampScore = (x: number) => (x < 1.5 ? 1 : x >= 4.5 ? 5 : Math.round(x));
const OPTIONAL_SCALE = ['q3', 'q4', 'q5', 'q6', 'q7'] as const;
const ASPECT_OFFSET: Record<(typeof OPTIONAL_SCALE)[number], number> = { q3: 0.15, q4: -0.1, q5: 0, q6: 0, q7: 0.1 };
const REASONS: ReasonKey[] = ['attitude', 'guidance', 'waiting', 'trips', 'extra_papers', 'late', 'other'];
/** Comment probability by overall score: the unhappy and the delighted write most. */
const COMMENT_RATE = [0, 0.4, 0.32, 0.16, 0.07, 0.11];
const FLAG_RATE = 0.02;
/**
 * Device and network hashes are kept only as long as abuse checks need them
 * (domain.md §7), so older seeded ratings have none. It also keeps the seed
 * fast: random hashes are the one index that cannot be filled in order.
 */
const SIGNAL_KEEP_MS = 30 * DAY;
/** Mobile carriers put many phones behind one address (CGNAT): a shared pool of networks. */
const NETWORK_POOL = 4096;

type Pools = {
  positive: string[];
  neutral: string[];
  negative: string[];
  byReason: Map<ReasonKey, string[]>;
  networks: string[];
};

function commentPools(rng: Rng): Pools {
  const of = (tone: CommentSeed['tone']) => COMMENTS.filter((c) => c.tone === tone).map((c) => c.text);
  const byReason = new Map<ReasonKey, string[]>();
  for (const c of COMMENTS) if (c.reason) byReason.set(c.reason, [...(byReason.get(c.reason) ?? []), c.text]);
  const networks = Array.from({ length: NETWORK_POOL }, () => randomHex128(rng));
  return { positive: of('positive'), neutral: of('neutral'), negative: of('negative'), byReason, networks };
}

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[rng.int(xs.length)]!;

type Answer = [key: string, score: number | null, choice: string | null];

type Generated = {
  counterId: number | null;
  channel: 'qr' | 'kiosk' | 'web';
  lang: string;
  procedureFieldId: number | null;
  comment: string | null;
  receiptCode: string | null;
  deviceHash: string | null;
  networkHash: string | null;
  flags: string | null;
  answers: Answer[];
};

function pickChannel(rng: Rng, office: OfficeModel): Generated['channel'] {
  const r = rng.next();
  if (office.hasKiosk) return r < 0.72 ? 'qr' : r < 0.92 ? 'kiosk' : 'web';
  return r < 0.9 ? 'qr' : 'web';
}

/** QR posters hang at counters; a kiosk is sometimes general; a web visit rarely names one. */
const COUNTER_SHARE = { qr: 0.9, kiosk: 0.5, web: 0.2 } as const;

function generateResponse(
  rng: Rng,
  office: OfficeModel,
  at: { progress: number; keepSignals: boolean },
  pools: Pools,
  receipts: Set<string>,
): Generated {
  const flag = rng.next() < FLAG_RATE ? (rng.next() < 0.5 ? 'device_repeat' : 'network_burst') : null;
  const channel = flag ? 'qr' : pickChannel(rng, office);
  const counter =
    office.counters.length > 0 && rng.next() < COUNTER_SHARE[channel] ? office.counters[pickCumulative(office.counterCum, rng.next())]! : null;

  const mu = office.quality + office.trend * at.progress + (counter?.offset ?? 0);
  const latent = flag
    ? rng.next() < 0.85 ? 5.5 : 1 + rng.next() * 4 // pressing for five stars, mostly
    : rng.next() < 0.03 + Math.max(0, 4.5 - mu) * 0.04
      ? 1.3 + rng.normal() * 0.6 // a visit that went badly whatever the office's average
      : mu + rng.normal() * 0.75;
  const scored = scoreAnswers(rng, office, latent);
  const q1 = scored[0]![1]!;
  const q2 = scored[1]![1]!;
  const answers = Math.min(q1, q2) <= LOW_SCORE_MAX ? addReasons(rng, office, scored) : scored;

  let comment: string | null = null;
  if (!flag && rng.next() < COMMENT_RATE[q2]!) comment = pickComment(rng, pools, q2, answers);

  return {
    counterId: counter?.id ?? null,
    channel,
    lang: rng.next() < 0.03 ? 'en' : 'vi',
    procedureFieldId: office.fieldIds.length > 0 && rng.next() < 0.35 ? office.fieldIds[pickCumulative(office.fieldCum, rng.next())]! : null,
    comment,
    receiptCode: comment ? receiptCode(rng, receipts) : null,
    deviceHash: !at.keepSignals
      ? null
      : flag === 'device_repeat' ? pick(rng, office.repeatDevices) : channel === 'kiosk' ? office.kioskDevice : randomHex128(rng),
    networkHash: !at.keepSignals
      ? null
      : flag === 'network_burst' ? office.burstNetwork : channel === 'kiosk' ? office.kioskNetwork : pick(rng, pools.networks),
    flags: flag,
    answers,
  };
}

/** q1 and q2 always (correlated through `latent`), then the optional ones. */
function scoreAnswers(rng: Rng, office: OfficeModel, latent: number): Answer[] {
  const q2 = clampScore(latent + rng.normal() * 0.4);
  const q1 = clampScore(latent + 0.1 + rng.normal() * 0.55);
  const out: Answer[] = [['q1', q1, null], ['q2', q2, null]];

  if (rng.next() < 0.4) {
    const before = out.length;
    for (const key of OPTIONAL_SCALE) {
      if (!office.keys.has(key) || rng.next() >= 0.7) continue;
      const offset = key === 'q6' ? office.waitingOffset : ASPECT_OFFSET[key];
      out.push([key, clampScore(latent + offset + rng.normal() * 0.65), null]);
    }
    const fallback = OPTIONAL_SCALE.filter((k) => office.keys.has(k));
    if (out.length === before && fallback.length > 0) {
      out.push([pick(rng, fallback), clampScore(latent + rng.normal() * 0.65), null]);
    }
  }
  if (office.keys.has('q8') && rng.next() < 0.3) out.push(['q8', null, trips(rng, latent)]);
  if (office.keys.has('q9') && rng.next() < 0.25) out.push(['q9', null, rng.next() < (latent < 3 ? 0.08 : 0.006) ? 'yes' : 'no']);
  return out;
}

function trips(rng: Rng, latent: number): string {
  const r = rng.next();
  if (latent >= 4) return r < 0.85 ? 'one' : r < 0.97 ? 'two' : 'three_plus';
  if (latent >= 3) return r < 0.65 ? 'one' : r < 0.9 ? 'two' : 'three_plus';
  return r < 0.4 ? 'one' : r < 0.75 ? 'two' : 'three_plus';
}

/** Q10, asked only after a low score; reasons follow what went wrong in the other answers. */
function addReasons(rng: Rng, office: OfficeModel, answers: Answer[]): Answer[] {
  if (!office.keys.has('q10') || rng.next() >= 0.7) return answers;
  const got = (key: string) => answers.find((a) => a[0] === key);
  const low = (key: string) => (got(key)?.[1] ?? 5) <= 2;
  const weights: number[] = [
    low('q1') ? 4 : 1, // attitude
    low('q4') ? 3 : 1.5, // guidance
    low('q6') ? 4 : 2, // waiting
    got('q8') && got('q8')![2] !== 'one' ? 3 : 1, // trips
    got('q9')?.[2] === 'yes' ? 4 : 0.6, // extra_papers
    1, // late
    0.4, // other
  ];
  const r = rng.next();
  const n = r < 0.6 ? 1 : r < 0.9 ? 2 : 3;
  const out = [...answers];
  for (let i = 0; i < n; i++) {
    const at = pickCumulative(cumulative(weights), rng.next());
    out.push(['q10', null, REASONS[at]!]);
    weights[at] = 0; // without replacement
  }
  return out;
}

function pickComment(rng: Rng, pools: Pools, q2: number, answers: Answer[]): string {
  if (q2 >= 4) return pick(rng, pools.positive);
  if (q2 === 3) return pick(rng, pools.neutral);
  const reasons = answers.filter((a) => a[0] === 'q10').map((a) => a[2] as ReasonKey);
  const matching = reasons.flatMap((r) => pools.byReason.get(r) ?? []);
  return matching.length > 0 && rng.next() < 0.7 ? pick(rng, matching) : pick(rng, pools.negative);
}

// ---------------------------------------------------------------------------
// Bulk insert

/** Responses per transaction: big enough to be fast, small enough for WAL checkpoints to keep up. */
const BATCH = 10_000;

const RESPONSE_COLUMNS = [
  'id', 'client_id', 'unit_id', 'counter_id', 'question_set_version_id', 'channel', 'submitted_at', 'received_at', 'lang',
  'procedure_field_id', 'comment', 'receipt_code', 'device_hash', 'network_hash', 'flags', 'excluded', 'kiosk_id',
];
const ANSWER_COLUMNS = ['response_id', 'question_key', 'score', 'choice'];

type Sqlite = Db['$client'];

/** Multi-row INSERTs: one statement per 100-odd rows is several times faster than one per row. */
function bulkInserter(sqlite: Sqlite, table: string, columns: string[], rowsPerStatement: number) {
  const tuple = `(${columns.map(() => '?').join(',')})`;
  const head = `INSERT INTO ${table} (${columns.join(',')}) VALUES `;
  const many = sqlite.prepare(head + Array.from({ length: rowsPerStatement }, () => tuple).join(','));
  const one = sqlite.prepare(head + tuple);
  const width = columns.length;
  return (params: unknown[]) => {
    const rows = params.length / width;
    let r = 0;
    for (; r + rowsPerStatement <= rows; r += rowsPerStatement) many.run(params.slice(r * width, (r + rowsPerStatement) * width));
    for (; r < rows; r++) one.run(params.slice(r * width, (r + 1) * width));
  };
}

/**
 * Adds `count` ratings to the active rateable offices, spread over office
 * hours (UTC+7) in the months before `now`, and counts them into the
 * dashboards' rollups. Deterministic for a given seed and database state.
 * Returns the number added.
 */
export function seedResponses(db: Db, opts: SeedResponsesOptions): number {
  if (opts.count <= 0) return 0;
  const sqlite = db.$client;
  // Mixing in the next id makes a second `--add` with the same seed produce new ratings and client ids.
  const rng = createRng(((opts.seed ?? DEFAULT_SEED) ^ Math.imul(nextResponseId(sqlite), 0x9e3779b1)) >>> 0);
  const w = windowBefore(opts.now, opts.months ?? 6);
  const { offices, cum } = loadOffices(db, rng);
  const ctx: BatchContext = {
    rng,
    w,
    offices,
    officeCum: cum,
    pools: commentPools(rng),
    receipts: new Set(sqlite.prepare('SELECT receipt_code FROM responses WHERE receipt_code IS NOT NULL').pluck().all() as string[]),
    times: sampleTimes(rng, opts.count, w),
    insertResponses: bulkInserter(sqlite, 'responses', RESPONSE_COLUMNS, 100),
    insertAnswers: bulkInserter(sqlite, 'answers', ANSWER_COLUMNS, 250),
  };
  for (let from = 0; from < opts.count; from += BATCH) {
    const to = Math.min(opts.count, from + BATCH);
    // IMMEDIATE: the ids read at the start stay ours until commit, even with the app running.
    // The batch's rollups are counted from its raw rows in the same transaction, so they never lag.
    sqlite
      .transaction(() => {
        const firstId = nextResponseId(sqlite);
        insertBatch(ctx, firstId, from, to);
        addRollupsForResponses(db, { from: firstId, to: firstId + (to - from) - 1 });
      })
      .immediate();
  }
  return opts.count;
}

type BatchContext = {
  rng: Rng;
  w: TimeWindow;
  offices: OfficeModel[];
  officeCum: Float64Array;
  pools: Pools;
  receipts: Set<string>;
  /** Ascending submission times, one per rating to add. */
  times: Float64Array;
  insertResponses: (params: unknown[]) => void;
  insertAnswers: (params: unknown[]) => void;
};

/** Generates and inserts ratings `from`..`to` (exclusive) of the run, numbering them from `firstId`. */
function insertBatch(ctx: BatchContext, firstId: number, from: number, to: number) {
  const { rng, w } = ctx;
  const rows: unknown[] = [];
  const answerRows: unknown[] = [];
  for (let i = from, id = firstId; i < to; i++, id++) {
    const t = ctx.times[i]!;
    const office = ctx.offices[pickCumulative(ctx.officeCum, rng.next())]!;
    const at = { progress: (t - w.start) / (w.end - w.start), keepSignals: t >= w.end - SIGNAL_KEEP_MS };
    const r = generateResponse(rng, office, at, ctx.pools, ctx.receipts);
    rows.push(
      id, timeOrderedUuid(rng, t), office.id, r.counterId, office.versionId, r.channel, t, t, r.lang,
      r.procedureFieldId, r.comment, r.receiptCode, r.deviceHash, r.networkHash, r.flags, r.flags ? 1 : 0, null,
    );
    for (const a of r.answers) answerRows.push(id, a[0], a[1], a[2]);
  }
  ctx.insertResponses(rows);
  ctx.insertAnswers(answerRows);
}

/** Ids are assigned here, inside each write transaction, so answers need no read-back of inserted rows. */
function nextResponseId(sqlite: Sqlite): number {
  return (sqlite.prepare('SELECT coalesce(max(id), 0) FROM responses').pluck().get() as number) + 1;
}
