import { and, asc, eq, isNotNull } from 'drizzle-orm';
import { CODE_ALPHABET, RECEIPT_CODE_LENGTH, SURVEY_CODE_LENGTH } from '@/lib/codes';
import { DEFAULT_QUESTION_SET, QuestionSetDefinitionSchema } from '@/lib/survey/question-set';
import { LOW_SCORE_MAX } from '@/lib/survey/scale';
import { foldForSearch } from '@/lib/text';
import { foldAliases, joinAliases } from '@/lib/unit-aliases';
import { newCode } from './ids';
import { criteriaOf, RubricSchema, toX100 } from '@/lib/evaluation/rubric';
import { scoreSheet } from '@/lib/evaluation/scoring';
import { DEFAULT_MIN_SAMPLE } from '@/lib/indicators/indicator';
import { summarize } from '@/lib/indicators/summary';
import { DEFAULT_RULES } from '@/lib/recognition/rules';
import { counters, evaluationPeriods, evaluationScores, evaluationSheets, officials, procedureFields, questionSets, questionSetVersions, recognitionRounds, units } from './schema';
import * as rec from './queries/recognition';
import { addRollupsForResponses } from './queries/rollups';
import { transaction, withConn, type Conn } from './store';
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
 * Seeds the demo province into the process's store (db/store.ts) unless the
 * database already holds any unit, so it can run on every start. Returns
 * null when it did nothing.
 */
export async function seedDemoIfEmpty(opts: SeedOptions): Promise<SeedResult | null> {
  // Two servers starting together on one PostgreSQL must not both see an empty
  // database: the check and the tree are one transaction under one lock (on
  // SQLite, BEGIN IMMEDIATE already takes the only writer before the check).
  const created = await transaction(async (c) => {
    await c.lock('seed:demo');
    if (((await c.value<number>('select count(*) from units')) ?? 0) > 0) return null;
    return (await createDemoTree(c)) + (await addSampleOfficesOn(c, opts.offices ?? 0));
  });
  if (created == null) return null;
  return { units: created, responses: await seedResponses({ count: opts.responses, now: opts.now, seed: opts.seed, months: opts.months }) };
}

/** Whether any unit exists (the seed script's "already seeded?"). */
export async function hasUnits(): Promise<boolean> {
  return withConn(async (c) => ((await c.value<number>('select count(*) from units')) ?? 0) > 0);
}

/**
 * Adds sample communes ("Xã Mẫu 1", "Xã Mẫu 2", … each with its one-stop
 * centre and 1–3 counters, seed-data.ts sampleCommune) under the province
 * until it has at least `offices` active rateable offices. Numbering goes on
 * after the sample communes already there, so it can be run again with a
 * larger number. Codes come from the usual generator. Returns the number of
 * units made (communes and offices).
 */
export async function addSampleOffices({ offices }: { offices: number }): Promise<number> {
  return transaction(async (c) => {
    await c.lock('seed:demo');
    return addSampleOfficesOn(c, offices);
  });
}

async function addSampleOfficesOn(c: Conn, offices: number): Promise<number> {
  const have = (await c.value<number>('select count(*) from units where code is not null and active = true')) ?? 0;
  if (have >= offices) return 0;
  const province = await c.get<{ id: number; path: string }>("select id, path from units where kind = 'province' order by id limit 1");
  if (!province) throw new Error('seed: no province; seed the demo first');
  const samples =
    (await c.value<number>("select count(*) from units where parent_id = ? and kind = 'commune' and name like ?", [
      province.id,
      `${SAMPLE_COMMUNE_PREFIX} %`,
    ])) ?? 0;
  let order = (await c.value<number>('select coalesce(max(sort_order), 0) + 1 from units where parent_id = ?', [province.id]))!;
  const tree = await treeWriter(c);
  let made = 0;
  for (let i = 0; i < offices - have; i++) {
    const commune = sampleCommune(samples + i + 1);
    const parent = await tree.unit({ parent: province, kind: 'commune', name: commune.name, rateable: false, sortOrder: order++, aliases: commune.aliases });
    const office = await tree.unit({ parent, kind: 'office', name: commune.office.name, rateable: true });
    await tree.countersAndFields(office.id, commune.office);
    made += 2;
  }
  return made;
}

// ---------------------------------------------------------------------------
// The tree

type UnitRef = { id: number; path: string };

/**
 * The seed's own inserts of units, counters and fields: a path computed from
 * the parent's, as units.ts createUnit does, and survey codes from the usual
 * generator, checked against the codes already taken (read once: the caller
 * holds the seed's lock, and the unique indexes stay the last word).
 */
async function treeWriter(c: Conn) {
  const taken = new Set(
    (await c.all<{ code: string }>('select code from units where code is not null union all select code from counters')).map((r) => r.code),
  );
  const freshCode = () => {
    for (;;) {
      const code = newCode(SURVEY_CODE_LENGTH);
      if (!taken.has(code)) {
        taken.add(code);
        return code;
      }
    }
  };
  return {
    async unit(input: {
      parent: UnitRef | null;
      kind: string;
      name: string;
      rateable: boolean;
      sortOrder?: number;
      code?: string;
      active?: boolean;
      aliases?: string[];
    }): Promise<UnitRef> {
      const [row] = await c.db
        .insert(units)
        .values({
          parentId: input.parent?.id ?? null,
          path: '/',
          kind: input.kind,
          name: input.name,
          searchName: foldForSearch(input.name),
          aliases: joinAliases(input.aliases ?? []),
          searchAliases: foldAliases(input.aliases ?? []),
          code: input.rateable ? (input.code ?? freshCode()) : null,
          sortOrder: input.sortOrder ?? 0,
          active: input.active ?? true,
        })
        .returning({ id: units.id });
      const path = `${input.parent?.path ?? '/'}${row!.id}/`;
      await c.db.update(units).set({ path }).where(eq(units.id, row!.id));
      return { id: row!.id, path };
    },
    async countersAndFields(unitId: number, office: Pick<OfficeSeed, 'counters' | 'fields'>, firstCounterCode?: string) {
      if (office.counters.length > 0) {
        await c.db.insert(counters).values(
          office.counters.map((name, i) => ({ unitId, name, sortOrder: i, code: i === 0 && firstCounterCode ? firstCounterCode : freshCode() })),
        );
      }
      if (office.fields.length > 0) {
        await c.db.insert(procedureFields).values(office.fields.map((name, i) => ({ unitId, name, sortOrder: i })));
      }
    },
  };
}

/** Creates the question set, province, departments, centre and communes; returns the number of units. */
async function createDemoTree(c: Conn): Promise<number> {
  const tree = await treeWriter(c);
  const province = await tree.unit({ parent: null, kind: 'province', name: PROVINCE_NAME, rateable: false });
  // The default set is the province's: only its administrators change it (lib/auth/question-set-scope.ts).
  const definition = QuestionSetDefinitionSchema.parse(DEFAULT_QUESTION_SET);
  const [set] = await c.db
    .insert(questionSets)
    .values({ name: 'Bộ câu hỏi mặc định', isDefault: true, ownerUnitId: province.id })
    .returning({ id: questionSets.id });
  await c.db.insert(questionSetVersions).values({ questionSetId: set!.id, version: 1, definition });
  let made = 1;
  let order = 0;

  for (const dept of DEPARTMENTS) {
    const unit = await tree.unit({ parent: province, kind: 'department', name: dept.name, rateable: true, sortOrder: order++, aliases: dept.aliases });
    await tree.countersAndFields(unit.id, dept);
    made++;
  }

  const centre = await tree.unit({
    parent: province, kind: 'centre', name: CENTRE.name, rateable: true, sortOrder: order++, code: DEMO_CODES.centre,
  });
  await tree.countersAndFields(centre.id, CENTRE, DEMO_CODES.centreCounter);
  made++;

  for (const commune of COMMUNES) {
    const parent = await tree.unit({ parent: province, kind: 'commune', name: commune.name, rateable: false, sortOrder: order++, aliases: commune.aliases });
    const office = await tree.unit({ parent, kind: 'office', name: commune.office.name, rateable: true });
    await tree.countersAndFields(office.id, commune.office);
    made += 2;
    if (commune.name === DISABLED_OFFICE.communeName) {
      const disabled = await tree.unit({
        parent, kind: 'office', name: DISABLED_OFFICE.name, rateable: true, sortOrder: 1, code: DEMO_CODES.disabledOffice, active: false,
      });
      await tree.countersAndFields(disabled.id, { counters: [], fields: DISABLED_OFFICE.fields });
    }
  }
  return made + 1;
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


type VersionInfo = { id: number; keys: Set<string> };

/**
 * Each active rateable office with the question-set version its survey shows
 * now, resolved here from a few small reads as question-sets.ts does in SQL:
 * the set chosen by the office or its nearest ancestor, else the default set;
 * then that set's latest version.
 */
async function loadOffices(c: Conn, rng: Rng): Promise<{ offices: OfficeModel[]; cum: Float64Array }> {
  const all = await c.db.select({ id: units.id, path: units.path, questionSetId: units.questionSetId }).from(units);
  const chosenSet = new Map(all.map((u) => [u.id, u.questionSetId]));
  const [defaultSet] = await c.db
    .select({ id: questionSets.id })
    .from(questionSets)
    .where(eq(questionSets.isDefault, true))
    .orderBy(asc(questionSets.id))
    .limit(1);
  const latest = new Map<number, VersionInfo & { version: number }>();
  for (const v of await c.db
    .select({ id: questionSetVersions.id, setId: questionSetVersions.questionSetId, version: questionSetVersions.version, definition: questionSetVersions.definition })
    .from(questionSetVersions)) {
    const have = latest.get(v.setId);
    if (have && have.version > v.version) continue;
    const definition = QuestionSetDefinitionSchema.parse(v.definition);
    latest.set(v.setId, { id: v.id, version: v.version, keys: new Set(definition.questions.map((q) => q.key)) });
  }
  const versionOf = (path: string): VersionInfo | undefined => {
    const ancestors = path.split('/').filter(Boolean).map(Number).reverse();
    const setId = ancestors.map((id) => chosenSet.get(id)).find((s) => s != null) ?? defaultSet?.id;
    return setId == null ? undefined : latest.get(setId);
  };

  const rows = await c.db
    .select({ id: units.id, name: units.name, path: units.path })
    .from(units)
    .where(and(isNotNull(units.code), eq(units.active, true)))
    .orderBy(asc(units.id));
  const counterRows = await c.db
    .select({ id: counters.id, unitId: counters.unitId, name: counters.name })
    .from(counters)
    .where(eq(counters.active, true))
    .orderBy(asc(counters.sortOrder), asc(counters.id));
  const fieldRows = await c.db
    .select({ id: procedureFields.id, unitId: procedureFields.unitId })
    .from(procedureFields)
    .where(eq(procedureFields.active, true))
    .orderBy(asc(procedureFields.sortOrder), asc(procedureFields.id));
  const offices: OfficeModel[] = [];
  const volumes: number[] = [];
  for (const row of rows) {
    const version = versionOf(row.path);
    if (!version) throw new Error('seed: no question set; seed the demo first');
    const c = characterOf(row.name);
    const officeCounters = counterRows.filter((k) => k.unitId === row.id).map((k) => ({ id: k.id, offset: counterOffset(k.name) }));
    const fieldIds = fieldRows.filter((f) => f.unitId === row.id).map((f) => f.id);
    offices.push({
      id: row.id,
      versionId: version.id,
      keys: version.keys,
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
const RESPONSE_PG_TYPES = [
  'bigint', 'text', 'integer', 'integer', 'integer', 'text', 'bigint', 'bigint', 'text',
  'integer', 'text', 'text', 'text', 'text', 'text', 'boolean', 'integer',
];
const ANSWER_COLUMNS = ['response_id', 'question_key', 'score', 'choice'];
const ANSWER_PG_TYPES = ['bigint', 'text', 'integer', 'text'];

/** Rows per statement on PostgreSQL: one array per column, so the row count is not bound by the 65,535 parameters. */
const PG_ROWS = 5_000;

/**
 * Inserts rows given as one flat list of values, many rows per statement:
 * on SQLite multi-row VALUES (100-odd rows, several times faster than one
 * statement per row); on PostgreSQL one array parameter per column and
 * `unnest`, so a statement carries thousands of rows with 17 parameters and
 * is parsed once.
 */
function bulkInserter(table: string, columns: string[], pgTypes: string[], rowsPerStatement: number) {
  const width = columns.length;
  const head = `insert into ${table} (${columns.join(', ')}) `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const many = `${head}values ${Array.from({ length: rowsPerStatement }, () => tuple).join(', ')}`;
  const one = `${head}values ${tuple}`;
  const unnest = `${head}select * from unnest(${pgTypes.map((t) => `?::${t}[]`).join(', ')})`;
  return async (c: Conn, params: unknown[]) => {
    const rows = params.length / width;
    if (c.kind === 'pg') {
      for (let r = 0; r < rows; r += PG_ROWS) {
        const end = Math.min(rows, r + PG_ROWS);
        const arrays = columns.map((_, col) => {
          const out = new Array<unknown>(end - r);
          for (let i = r; i < end; i++) out[i - r] = params[i * width + col];
          return out;
        });
        await c.run(unnest, arrays);
      }
      return;
    }
    let r = 0;
    for (; r + rowsPerStatement <= rows; r += rowsPerStatement) await c.run(many, params.slice(r * width, (r + rowsPerStatement) * width));
    for (; r < rows; r++) await c.run(one, params.slice(r * width, (r + 1) * width));
  };
}

const insertResponses = bulkInserter('responses', RESPONSE_COLUMNS, RESPONSE_PG_TYPES, 100);
const insertAnswers = bulkInserter('answers', ANSWER_COLUMNS, ANSWER_PG_TYPES, 250);

/**
 * Adds `count` ratings to the active rateable offices, spread over office
 * hours (UTC+7) in the months before `now`, and counts them into the
 * dashboards' rollups. Deterministic for a given seed and database state.
 * Returns the number added.
 */
export async function seedResponses(opts: SeedResponsesOptions): Promise<number> {
  if (opts.count <= 0) return 0;
  const ctx = await withConn(async (c): Promise<BatchContext> => {
    // Mixing in the next id makes a second `--add` with the same seed produce new ratings and client ids.
    const rng = createRng(((opts.seed ?? DEFAULT_SEED) ^ Math.imul(await nextResponseId(c), 0x9e3779b1)) >>> 0);
    const w = windowBefore(opts.now, opts.months ?? 6);
    const { offices, cum } = await loadOffices(c, rng);
    const receipts = new Set(
      (await c.all<{ code: string }>('select receipt_code as "code" from responses where receipt_code is not null')).map((r) => r.code),
    );
    return { rng, w, offices, officeCum: cum, pools: commentPools(rng), receipts, times: sampleTimes(rng, opts.count, w) };
  });
  for (let from = 0; from < opts.count; from += BATCH) {
    const to = Math.min(opts.count, from + BATCH);
    // The batch's rollups are counted from its raw rows in the same transaction, so they never lag.
    await transaction(async (c) => {
      await reserveResponseIds(c);
      const firstId = await nextResponseId(c);
      const { rows, answerRows } = generateBatch(ctx, firstId, from, to, c.kind);
      await insertResponses(c, rows);
      await insertAnswers(c, answerRows);
      const last = firstId + (to - from) - 1;
      await addRollupsForResponses({ from: firstId, to: last });
      await advanceResponseIds(c, last);
    });
  }
  return opts.count;
}

/**
 * The seeder numbers its ratings itself (so answers need no read-back of
 * inserted rows), from the largest id + 1, and counts that range into the
 * rollups: no other rating may take an id in the range meanwhile, or it
 * would be counted twice. SQLite's BEGIN IMMEDIATE already makes the batch
 * the only writer; on PostgreSQL this lock mode lets readers through and
 * makes inserts into responses (the app's, another seeder's) wait for the
 * commit. A table lock rather than ids drawn from the sequence: a sequence
 * gives no contiguous range while others draw from it too.
 */
async function reserveResponseIds(c: Conn) {
  if (c.kind === 'pg') await c.run('lock table responses in share row exclusive mode');
}

/** PostgreSQL's identity sequence does not see explicit ids: move it past ours, or the next stored rating would clash. */
async function advanceResponseIds(c: Conn, last: number) {
  if (c.kind === 'pg') {
    await c.run(
      `select setval(pg_get_serial_sequence('responses', 'id'), greatest(?::bigint, (select last_value from responses_id_seq)))`,
      [last],
    );
  }
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
};

/** Generates ratings `from`..`to` (exclusive) of the run, numbered from `firstId`, as flat value lists. */
function generateBatch(ctx: BatchContext, firstId: number, from: number, to: number, kind: Conn['kind']) {
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
      r.procedureFieldId, r.comment, r.receiptCode, r.deviceHash, r.networkHash, r.flags,
      // A boolean column: 0/1 on SQLite, true/false bound to PostgreSQL's array of booleans.
      kind === 'pg' ? r.flags !== null : r.flags ? 1 : 0,
      null,
    );
    for (const a of r.answers) answerRows.push(id, a[0], a[1], a[2]);
  }
  return { rows, answerRows };
}

async function nextResponseId(c: Conn): Promise<number> {
  return ((await c.value<number>('select coalesce(max(id), 0) from responses')) ?? 0) + 1;
}

// ---------------------------------------------------------------------------
// For the seed script

/**
 * `--fresh` on PostgreSQL: empties the database of everything the app made
 * (its tables and drizzle's record of migrations), so the next open migrates
 * from scratch, as deleting the SQLite file does. Close the store after it.
 */
export async function dropAppSchema(): Promise<void> {
  await withConn(async (c) => {
    if (c.kind !== 'pg') throw new Error('dropAppSchema is for PostgreSQL; delete the SQLite file instead');
    await c.run('drop schema if exists drizzle cascade');
    await c.run('drop schema public cascade');
    await c.run('create schema public');
  });
}

/**
 * Bytes the data takes, after SQLite folds its WAL back into the file (null:
 * measure the file); PostgreSQL's database size.
 */
export async function settleAndMeasure(): Promise<number | null> {
  return withConn(async (c) => {
    if (c.kind === 'sqlite') {
      await c.all('pragma wal_checkpoint(TRUNCATE)');
      return null;
    }
    return (await c.value<number>('select pg_database_size(current_database())')) ?? null;
  });
}

// ---------------------------------------------------------------------------
// Recognition (docs/decisions/023)

/**
 * Demo mode: a recognition round for the demo evaluation period with one
 * nomination, so the Khen thưởng pages show the whole flow. Runs after the
 * officials' demo seed. The demo period has no finalised sheet of its own, so
 * the demo centre's is finalised here (full review points, its class as the
 * rubric gives it); then the first active official of a finalised office is
 * nominated, with their figures of the year attached. When no official exists
 * at that office (the officials' seed not merged), one is created. Idempotent:
 * nothing happens once the period has a round. Not run in test mode, where
 * the evaluation specs expect the demo period untouched.
 */
export async function seedDemoRecognitionIfNone({ now }: { now: Date }): Promise<boolean> {
  return transaction(async (c) => {
    await c.lock('seed:recognition');
    const { db } = c;
    const [period] = await db.select().from(evaluationPeriods).orderBy(asc(evaluationPeriods.id)).limit(1);
    if (!period) return false;
    if ((await db.select({ id: recognitionRounds.id }).from(recognitionRounds).where(eq(recognitionRounds.periodId, period.id)).limit(1)).length) return false;
    const rubric = RubricSchema.parse(JSON.parse(period.rubric));

    let [finalised] = await db
      .select({ unitId: evaluationSheets.unitId, finalClass: evaluationSheets.finalClass, finalTotal: evaluationSheets.finalTotal })
      .from(evaluationSheets)
      .innerJoin(units, eq(units.id, evaluationSheets.unitId))
      .where(and(eq(evaluationSheets.periodId, period.id), eq(evaluationSheets.status, 'finalised')))
      .orderBy(asc(units.path))
      .limit(1);
    if (!finalised) {
      const [centre] = await db.select({ id: units.id }).from(units).where(eq(units.code, DEMO_CODES.centre)).limit(1);
      if (!centre) return false;
      const points = new Map(criteriaOf(rubric).map(({ group, criterion }) => [criterion.key, group.bonus ? 0 : toX100(criterion.max)]));
      const score = scoreSheet(rubric, points);
      const [sheet] = await db
        .insert(evaluationSheets)
        .values({ periodId: period.id, unitId: centre.id, status: 'finalised', finalTotal: score.totalX100, finalClass: score.classification, finalisedAt: now, updatedAt: now })
        .onConflictDoNothing()
        .returning({ id: evaluationSheets.id });
      if (!sheet) return false;
      await db.insert(evaluationScores).values([...points].map(([key, p]) => ({ sheetId: sheet.id, criterionKey: key, selfPoints: p, reviewPoints: p, updatedAt: now })));
      finalised = { unitId: centre.id, finalClass: score.classification, finalTotal: score.totalX100 };
    }

    const roundId = await rec.createRecognitionRound({ periodId: period.id, createdBy: null, now, rules: DEFAULT_RULES });
    if (roundId === null) return false;
    await rec.createDefaultRecognitionFormsIfNone({ provinceId: period.unitId, now });
    const forms = await rec.listRecognitionForms({ provinceId: period.unitId });
    const form = forms.find((f) => f.kind === 'individual' && f.active);
    if (!form) return true;

    let [official] = await db
      .select({ id: officials.id, unitId: officials.unitId })
      .from(officials)
      .innerJoin(evaluationSheets, and(eq(evaluationSheets.unitId, officials.unitId), eq(evaluationSheets.periodId, period.id), eq(evaluationSheets.status, 'finalised')))
      .innerJoin(units, eq(units.id, officials.unitId))
      .where(eq(officials.active, true))
      .orderBy(asc(units.path), asc(officials.id))
      .limit(1);
    if (!official) {
      // Only where the officials' demo seed left the office without anyone.
      const [anyone] = await db.select({ id: officials.id }).from(officials).where(eq(officials.unitId, finalised.unitId)).limit(1);
      if (anyone) return true;
      const name = 'Nguyễn Thị Mai';
      const [created] = await db
        .insert(officials)
        .values({ unitId: finalised.unitId, fullName: name, searchName: foldForSearch(name), position: 'chuyên viên', createdAt: now, updatedAt: now })
        .returning({ id: officials.id, unitId: officials.unitId });
      official = created!;
    }
    const counts = await rec.listOfficialYearCounts({ officialId: official.id, year: period.year });
    const h = summarize(counts, DEFAULT_QUESTION_SET.questions).headline;
    await rec.createNomination({
      roundId,
      kind: 'individual',
      unitId: official.unitId,
      officialId: official.id,
      formId: form.id,
      reasons: 'Luôn tận tình hướng dẫn người dân, không để hồ sơ trễ hạn trong năm (đề nghị mẫu).',
      evidenceLinks: [],
      figures: { n: h?.n ?? 0, rate: h?.rate ?? null, low: h?.low ?? null, high: h?.high ?? null, enoughData: Boolean(h?.enoughData), minSample: DEFAULT_MIN_SAMPLE, year: period.year },
      by: null,
      now,
    });
    return true;
  });
}
