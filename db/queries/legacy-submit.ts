// TRANSITIONAL (issue 12): the synchronous submit path, unchanged, for callers not yet on the async store
// (db/queries/kiosks.ts, db/seed.ts and other groups' tests on openTestDb). New code calls storeRating
// (server/ratings.ts). Deleted with db/client.ts.
/* eslint-disable */
import type { Database } from 'better-sqlite3';
import { decideAbuse, type AbuseCounts, type AbuseFlag, type AbuseRules } from '@/lib/abuse';
import { RECEIPT_CODE_LENGTH } from '@/lib/codes';
import { DISSATISFIED_MAX } from '@/lib/indicators/alerts';
import type { SubmittedAnswer } from '@/lib/validation/survey-response';
import type { Db } from '../client';
import { newCode } from '../ids';
import type { Channel } from '../schema';
import { dayKeyOf, halfKey, type DayKey } from '@/lib/indicators/periods';
import { DEFAULT_BURST_RULE, lowRatingBurst, type Burst } from '@/lib/indicators/alerts';

const MINUTE_MS = 60_000;
const DEFAULT_ALERT_RULE = { count: DEFAULT_BURST_RULE.count, windowMinutes: DEFAULT_BURST_RULE.windowMs / 60_000, active: true } as const;

import type { NewResponse, CreateResponseResult } from './responses';
import { perConnection } from './survey-cache';


type StoredResponseRow = { id: number; unitId: number; receiptCode: string | null; flags: string | null };
type SignalCountRow = { signal: 'device' | 'network'; total: number; sameTarget: number };

// For the device, "the same target" is the counter for a counter's QR code, else the office
// (which includes its counters: the office's own QR after a counter is the same office again).
// For the network it is always the whole office, all its counters included: a burst split
// across an office's counter codes is still one burst on that office (docs/abuse-rules.md).
const SIGNAL_COUNTS_SQL = `
  select 'device' as signal, count(*) as total,
         coalesce(sum(case when @counterId is null then unit_id = @unitId else counter_id = @counterId end), 0) as sameTarget
  from responses where device_hash = @deviceHash and received_at > @deviceSince
  union all
  select 'network', count(*), coalesce(sum(unit_id = @unitId), 0)
  from responses where network_hash = @networkHash and received_at > @networkSince`;

const INSERT_RESPONSE_SQL = `
  insert into responses (client_id, unit_id, counter_id, question_set_version_id, channel, submitted_at, received_at, lang,
    procedure_field_id, comment, receipt_code, device_hash, network_hash, flags, excluded, kiosk_id)
  values (@clientId, @unitId, @counterId, @questionSetVersionId, @channel, @submittedAt, @receivedAt, @lang,
    @procedureFieldId, @comment, @receiptCode, @deviceHash, @networkHash, @flags, @excluded, @kioskId)`;

type InsertResponseParams = {
  clientId: string;
  unitId: number;
  counterId: number | null;
  questionSetVersionId: number;
  channel: Channel;
  submittedAt: number;
  receivedAt: number;
  lang: string;
  procedureFieldId: number | null;
  comment: string | null;
  receiptCode: string | null;
  deviceHash: string | null;
  networkHash: string | null;
  flags: string | null;
  excluded: 0 | 1;
  kioskId: number | null;
};

type SignalCountParams = {
  unitId: number;
  counterId: number | null;
  deviceHash: string | null;
  deviceSince: number;
  networkHash: string | null;
  networkSince: number;
};

/**
 * The submit path's statements, prepared once per connection (survey-cache.ts)
 * instead of being built by drizzle and prepared by SQLite on every request.
 * Column names and value encodings (times as epoch ms, booleans as 0/1) are
 * those of db/schema.ts.
 */
function prepareStatements(sqlite: Database) {
  return {
    byClientId: sqlite.prepare<[string], StoredResponseRow>('select id, unit_id as unitId, receipt_code as receiptCode, flags from responses where client_id = ?'),
    signalCounts: sqlite.prepare<[SignalCountParams], SignalCountRow>(SIGNAL_COUNTS_SQL),
    receiptTaken: sqlite.prepare<[string], { one: 1 }>('select 1 as one from responses where receipt_code = ?'),
    insertResponse: sqlite.prepare<[InsertResponseParams]>(INSERT_RESPONSE_SQL),
    insertAnswer: sqlite.prepare<[number, string, number | null, string | null]>(
      'insert into answers (response_id, question_key, score, choice) values (?, ?, ?, ?)',
    ),
    insertContact: sqlite.prepare<[number, string, string, number, number]>(
      'insert into contacts (response_id, phone, consent_version, consented_at, purge_after) values (?, ?, ?, ?, ?)',
    ),
    addToRollups: prepareRollupIncrements(sqlite),
    raiseAlerts: prepareAlertRaiser(sqlite),
  };
}
type Statements = ReturnType<typeof prepareStatements>;

const storeTransaction = perConnection((sqlite) => {
  const s = prepareStatements(sqlite);
  // Inside a caller's transaction, better-sqlite3 turns this into a savepoint.
  return sqlite.transaction((input: NewResponse & { rules: AbuseRules }) => storeOnce(s, input));
});

/**
 * Stores one rating exactly once: a repeated clientId for the same office returns
 * the stored one; for another office it is refused (`used_elsewhere`).
 * The abuse counts and the insert share one write transaction (BEGIN IMMEDIATE),
 * so two app servers cannot both slip under a limit at the same moment; the
 * dashboards' rollups (rollups.ts) are counted in it too, so they never
 * disagree with the raw rows.
 */
export function createResponse(db: Db, input: NewResponse & { rules: AbuseRules }): CreateResponseResult {
  return storeTransaction(db).immediate(input);
}

function storeOnce(s: Statements, input: NewResponse & { rules: AbuseRules }): CreateResponseResult {
  const existing = s.byClientId.get(input.clientId);
  // A duplicate is a resend of the same form, so it can only be for the same office; the same id
  // posted to another office would otherwise hand out that rating's receipt code (the key to its reply).
  if (existing && existing.unitId !== input.unitId) return { status: 'rejected', reason: 'used_elsewhere' };
  if (existing) return { status: 'duplicate', responseId: existing.id, receiptCode: existing.receiptCode, flags: splitFlags(existing.flags) };

  const decision = decideAbuse(countAbuseSignals(s, input), input.rules);
  if (decision.action === 'reject') return { status: 'rejected', reason: decision.reason };

  const allFlags = input.extraFlags?.length ? [...new Set([...decision.flags, ...input.extraFlags])] : decision.flags;
  const receiptCode = input.comment ? uniqueReceiptCode(s) : null;
  const flags = allFlags.length ? allFlags.join(',') : null;
  const receivedAt = input.receivedAt.getTime();
  const submittedAt = input.submittedAt.getTime();
  const responseId = Number(
    s.insertResponse.run({
      clientId: input.clientId,
      unitId: input.unitId,
      counterId: input.counterId,
      questionSetVersionId: input.questionSetVersionId,
      channel: input.channel,
      submittedAt,
      receivedAt,
      lang: input.lang,
      procedureFieldId: input.procedureFieldId,
      comment: input.comment,
      receiptCode,
      deviceHash: input.deviceHash,
      networkHash: input.networkHash,
      flags,
      excluded: flags ? 1 : 0,
      kioskId: input.kioskId ?? null,
    }).lastInsertRowid,
  );
  for (const a of input.answers) s.insertAnswer.run(responseId, a.questionKey, a.score, a.choice);
  s.addToRollups({
    responseId,
    unitId: input.unitId,
    counterId: input.counterId,
    channel: input.channel,
    submittedAt,
    excluded: flags !== null,
    commented: input.comment !== null,
    answers: input.answers,
    flags: allFlags,
  });
  // Only a counted low rating can start or extend an alert (alerts.ts); the rest skip the lookup.
  if (flags === null && input.answers.some((a) => a.score !== null && a.score >= 1 && a.score <= DISSATISFIED_MAX)) {
    s.raiseAlerts(input.unitId, submittedAt);
  }
  if (input.contact) {
    s.insertContact.run(responseId, input.contact.phone, input.contact.consentVersion, receivedAt, input.contact.purgeAfter.getTime());
  }
  return { status: 'created', responseId, receiptCode, flags: allFlags };
}

function countAbuseSignals(s: Statements, input: NewResponse & { rules: AbuseRules }): AbuseCounts {
  // Kiosks carry no device or network signal (many share one office network): nothing to count.
  if (!input.deviceHash && !input.networkHash) return { device: null, network: null };
  const at = input.receivedAt.getTime();
  const rows = s.signalCounts.all({
    unitId: input.unitId,
    counterId: input.counterId,
    deviceHash: input.deviceHash,
    deviceSince: at - input.rules.deviceWindowMs,
    networkHash: input.networkHash,
    networkSince: at - input.rules.networkWindowMs,
  });
  const counts = (signal: SignalCountRow['signal']) => {
    const row = rows.find((r) => r.signal === signal)!;
    return { total: row.total, sameTarget: row.sameTarget };
  };
  return {
    device: input.deviceHash ? counts('device') : null,
    network: input.networkHash ? counts('network') : null,
  };
}

function uniqueReceiptCode(s: Statements): string {
  for (;;) {
    const code = newCode(RECEIPT_CODE_LENGTH);
    if (!s.receiptTaken.get(code)) return code;
  }
}

function splitFlags(flags: string | null): string[] {
  return flags ? flags.split(',') : [];
}
/** Asia/Ho_Chi_Minh is UTC+7 all year (no daylight saving). */
const VN_OFFSET_MS = 7 * 3_600_000;

type LocalDayParts = {
  day: DayKey;
  /** 0..23 */
  hour: number;
  /** 1 = Monday … 7 = Sunday */
  weekday: number;
};

/**
 * The local (UTC+7) day, hour and weekday of an instant in epoch ms: the day
 * is the dashboards' period day (lib/indicators/periods.ts), and all three
 * are what LOCAL_* compute in SQL below.
 */
function localDayParts(epochMs: number): LocalDayParts {
  const local = new Date(epochMs + VN_OFFSET_MS);
  return { day: dayKeyOf(epochMs), hour: local.getUTCHours(), weekday: ((local.getUTCDay() + 6) % 7) + 1 };
}

// The same in SQL, over responses `r` (submitted_at is epoch ms).
const LOCAL_SECONDS = `r.submitted_at / 1000 + ${VN_OFFSET_MS / 1000}`;
const LOCAL_DAY = `date(${LOCAL_SECONDS}, 'unixepoch')`;
const LOCAL_HOUR = `cast(strftime('%H', ${LOCAL_SECONDS}, 'unixepoch') as integer)`;
const LOCAL_WEEKDAY = `(cast(strftime('%w', ${LOCAL_SECONDS}, 'unixepoch') as integer) + 6) % 7 + 1`;

// lib/indicators/periods.ts halfKey: "YYYY-MM-1" for days 1–15, "YYYY-MM-2" after.
const LOCAL_HALF = `substr(${LOCAL_DAY}, 1, 7) || case when cast(substr(${LOCAL_DAY}, 9, 2) as integer) <= 15 then '-1' else '-2' end`;
const OFFICE_TABLES = { officeDays: 'rollup_office_days', officeMonths: 'rollup_office_months', officeHalves: 'rollup_office_halves' } as const;

// The unique key of each table: the conflict target of every increment.
const KEYS = {
  scores: 'unit_id, day, counter_id, channel, question_key, score, excluded',
  responses: 'unit_id, day, counter_id, channel, hour, weekday, excluded',
  choices: 'unit_id, day, counter_id, question_key, choice, excluded',
  flags: 'unit_id, day, counter_id, flag',
  officeDays: 'unit_id, day, question_key, excluded',
  officeMonths: 'unit_id, month, question_key, excluded',
  officeHalves: 'unit_id, half, question_key, excluded',
} as const;
/** The columns of answers at each level 1..5 in the per-office level rollups (read by dashboard.ts). */
const LEVEL_COLUMNS = ['n1', 'n2', 'n3', 'n4', 'n5'] as const;
type RollupTable = keyof typeof KEYS;

/** `excluded.` is SQLite's name for the row that conflicted, not our `excluded` column. */
const upsert = (table: RollupTable, counts: readonly string[]) =>
  `on conflict (${KEYS[table]}) do update set ${counts.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`;

// ---------------------------------------------------------------------------
// One rating at a time (createResponse)

type RollupIncrement = {
  responseId: number;
  unitId: number;
  counterId: number | null;
  channel: Channel;
  /** Epoch ms. */
  submittedAt: number;
  excluded: boolean;
  commented: boolean;
  answers: readonly SubmittedAnswer[];
  flags: readonly string[];
};

/**
 * The increments of one stored rating, as statements prepared once (the
 * caller's per-connection cache) and run inside the caller's transaction.
 */
function prepareRollupIncrements(sqlite: Database): (r: RollupIncrement) => void {
  const score = sqlite.prepare<[number, string, number, string, string, number, number]>(
    `insert into rollup_scores (${KEYS.scores}, n) values (?, ?, ?, ?, ?, ?, ?, 1) ${upsert('scores', ['n'])}`,
  );
  const response = sqlite.prepare<[number, string, number, string, number, number, number, number]>(
    `insert into rollup_responses (${KEYS.responses}, n, commented) values (?, ?, ?, ?, ?, ?, ?, 1, ?) ${upsert('responses', ['n', 'commented'])}`,
  );
  const choice = sqlite.prepare<[number, string, number, string, string, number]>(
    `insert into rollup_choices (${KEYS.choices}, n) values (?, ?, ?, ?, ?, ?, 1) ${upsert('choices', ['n'])}`,
  );
  const flag = sqlite.prepare<[number, string, number, string]>(
    `insert into rollup_flags (${KEYS.flags}, n) values (?, ?, ?, ?, 1) ${upsert('flags', ['n'])}`,
  );
  type LevelParams = [number, string, string, number, number, number, number, number, number];
  const officeDay = sqlite.prepare<LevelParams>(
    `insert into rollup_office_days (${KEYS.officeDays}, ${LEVEL_COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?, ?) ${upsert('officeDays', LEVEL_COLUMNS)}`,
  );
  const officeMonth = sqlite.prepare<LevelParams>(
    `insert into rollup_office_months (${KEYS.officeMonths}, ${LEVEL_COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?, ?) ${upsert('officeMonths', LEVEL_COLUMNS)}`,
  );
  const officeHalf = sqlite.prepare<LevelParams>(
    `insert into rollup_office_halves (${KEYS.officeHalves}, ${LEVEL_COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?, ?) ${upsert('officeHalves', LEVEL_COLUMNS)}`,
  );
  const low = sqlite.prepare<[number, number, number, number, number]>(
    'insert into low_ratings (response_id, unit_id, counter_id, submitted_at, min_score) values (?, ?, ?, ?, ?)',
  );
  return (r) => {
    const { day, hour, weekday } = localDayParts(r.submittedAt);
    const counterId = r.counterId ?? 0;
    const excluded = r.excluded ? 1 : 0;
    response.run(r.unitId, day, counterId, r.channel, hour, weekday, excluded, r.commented ? 1 : 0);
    let minScore = Infinity;
    for (const a of r.answers) {
      if (a.score !== null) {
        score.run(r.unitId, day, counterId, r.channel, a.questionKey, a.score, excluded);
        const levels = LEVEL_COLUMNS.map((_, i) => (a.score === i + 1 ? 1 : 0)) as [number, number, number, number, number];
        officeDay.run(r.unitId, day, a.questionKey, excluded, ...levels);
        officeMonth.run(r.unitId, day.slice(0, 7), a.questionKey, excluded, ...levels);
        officeHalf.run(r.unitId, halfKey(day), a.questionKey, excluded, ...levels);
        if (a.score >= 1 && a.score <= 5) minScore = Math.min(minScore, a.score);
      }
      if (a.choice !== null) choice.run(r.unitId, day, counterId, a.questionKey, a.choice, excluded);
    }
    for (const f of r.flags) flag.run(r.unitId, day, counterId, f);
    if (!r.excluded && minScore <= DISSATISFIED_MAX) low.run(r.responseId, r.unitId, counterId, r.submittedAt, minScore);
  };
}

// ---------------------------------------------------------------------------
// From raw rows (bulk seeding, rebuild)

/**
 * INSERT … SELECT … GROUP BY over the raw responses with ids @from..@to and
 * their answers, per table. Flags are a comma-separated list
 * (responses.flags), split with json_each; flag names are identifiers
 * (lib/abuse.ts), never quotes or commas.
 */
function aggregateSql(): Record<RollupTable | 'low', string> {
  const common = `r.unit_id, ${LOCAL_DAY} as day, coalesce(r.counter_id, 0) as counter_id`;
  const levelSums = LEVEL_COLUMNS.map((_, i) => `sum(a.score = ${i + 1})`).join(', ');
  const byOffice = (table: 'officeDays' | 'officeMonths' | 'officeHalves', period: string) => `
      insert into ${OFFICE_TABLES[table]} (${KEYS[table]}, ${LEVEL_COLUMNS})
      select r.unit_id, ${period}, a.question_key, r.excluded, ${levelSums}
      from answers a join responses r on r.id = a.response_id
      where a.response_id between @from and @to and a.score is not null
      group by 1, 2, 3, 4
      ${upsert(table, LEVEL_COLUMNS)}`;
  return {
    scores: `
      insert into rollup_scores (${KEYS.scores}, n)
      select ${common}, r.channel, a.question_key, a.score, r.excluded, count(*)
      from answers a join responses r on r.id = a.response_id
      where a.response_id between @from and @to and a.score is not null
      group by 1, 2, 3, 4, 5, 6, 7
      ${upsert('scores', ['n'])}`,
    responses: `
      insert into rollup_responses (${KEYS.responses}, n, commented)
      select ${common}, r.channel, ${LOCAL_HOUR}, ${LOCAL_WEEKDAY}, r.excluded, count(*), count(r.comment)
      from responses r
      where r.id between @from and @to
      group by 1, 2, 3, 4, 5, 6, 7
      ${upsert('responses', ['n', 'commented'])}`,
    choices: `
      insert into rollup_choices (${KEYS.choices}, n)
      select ${common}, a.question_key, a.choice, r.excluded, count(*)
      from answers a join responses r on r.id = a.response_id
      where a.response_id between @from and @to and a.choice is not null
      group by 1, 2, 3, 4, 5, 6
      ${upsert('choices', ['n'])}`,
    flags: `
      insert into rollup_flags (${KEYS.flags}, n)
      select ${common}, f.value, count(*)
      from responses r join json_each('["' || replace(r.flags, ',', '","') || '"]') f
      where r.id between @from and @to and r.flags is not null and r.flags <> ''
      group by 1, 2, 3, 4
      ${upsert('flags', ['n'])}`,
    officeDays: byOffice('officeDays', LOCAL_DAY),
    officeMonths: byOffice('officeMonths', `substr(${LOCAL_DAY}, 1, 7)`),
    officeHalves: byOffice('officeHalves', LOCAL_HALF),
    low: `
      insert into low_ratings (response_id, unit_id, counter_id, submitted_at, min_score)
      select r.id, r.unit_id, coalesce(r.counter_id, 0), r.submitted_at, min(a.score)
      from responses r join answers a on a.response_id = r.id
      where r.id between @from and @to and r.excluded = 0 and a.score between 1 and 5
      group by r.id
      having min(a.score) <= ${DISSATISFIED_MAX}`,
  };
}

const aggregateStatements = perConnection((sqlite) => ({
  aggregate: Object.values(aggregateSql()).map((s) => sqlite.prepare<[{ from: number; to: number }]>(s)),
}));

/**
 * Adds the responses with ids `from`..`to` (inclusive) and their answers to
 * the rollups. For writers that insert raw rows in bulk (the seeder); run it
 * in the transaction that inserted them.
 */
export function addRollupsForResponses(db: Db, range: { from: number; to: number }): void {
  for (const s of aggregateStatements(db).aggregate) s.run(range);
}


type RuleRow = { count: number; windowMinutes: number; active: 0 | 1 };
type OverlapRow = { id: number; startAt: number; endAt: number; lowCount: number; acknowledgedAt: number | null };
type OverlapParams = { unitId: number; start: number; end: number; since: number };

type RaisedAlert = { alertId: number; created: boolean };

/**
 * The detection as statements prepared once per connection: createResponse
 * (responses.ts) runs it inside its own transaction for every low rating, so
 * it must not build SQL per call.
 */
function prepareAlertRaiser(sqlite: Database): (unitId: number, at: number) => RaisedAlert | null {
  const rule = sqlite.prepare<[number], RuleRow>('select count, window_minutes as windowMinutes, active from alert_rules where unit_id = ?');
  const lowTimes = sqlite
    .prepare<[number, number, number], number>('select submitted_at from low_ratings where unit_id = ? and submitted_at > ? and submitted_at < ? order by submitted_at')
    .pluck();
  const countLow = sqlite
    .prepare<[number, number, number], number>('select count(*) from low_ratings where unit_id = ? and submitted_at between ? and ?')
    .pluck();
  // An alert sharing ratings with the burst: an acknowledged one first (it
  // decides which ratings are left to count, see below), else the latest open
  // one. `since` skips alerts that began before an acknowledgement.
  const overlapping = sqlite.prepare<[OverlapParams], OverlapRow>(
    `select id, start_at as startAt, end_at as endAt, low_count as lowCount, acknowledged_at as acknowledgedAt from alerts
     where unit_id = @unitId and end_at >= @start and start_at <= @end and start_at > @since
     order by acknowledged_at is null, end_at desc, id desc limit 1`,
  );
  const insert = sqlite.prepare<[number, number, number, number, number, number, number]>(
    'insert into alerts (unit_id, start_at, end_at, low_count, triggered_at, rule_count, rule_window_minutes) values (?, ?, ?, ?, ?, ?, ?)',
  );
  const extend = sqlite.prepare<[number, number, number, number]>('update alerts set start_at = ?, end_at = ?, low_count = ? where id = ?');
  // For ratings arriving in time order (the usual case), a few index rows decide (see `inOrder`).
  const laterLow = sqlite.prepare<[number, number, number], number>('select 1 from low_ratings where unit_id = ? and submitted_at > ? and submitted_at < ? limit 1').pluck();
  const latestLow = sqlite
    .prepare<[number, number, number], number>('select submitted_at from low_ratings where unit_id = ? and submitted_at <= ? order by submitted_at desc limit ?')
    .pluck();
  const acknowledgedNear = sqlite
    .prepare<[number, number], number>('select 1 from alerts where unit_id = ? and end_at >= ? and acknowledged_at is not null limit 1')
    .pluck();

  /**
   * A low rating later than every other within a window: the rule holds at
   * `at` only through the `count` latest low ratings up to it, and an open
   * alert they overlap grows by this one. Reads `count` index rows instead of
   * every low rating of the window, so a flood of low ratings at one office
   * costs each one the same. Undefined when the general path must decide
   * (a late arrival, an acknowledgement nearby, or no open alert to extend).
   */
  const inOrder = (unitId: number, at: number, count: number, windowMs: number): RaisedAlert | null | undefined => {
    if (laterLow.get(unitId, at, at + windowMs)) return undefined;
    const latest = latestLow.all(unitId, at, count);
    const first = latest.at(-1);
    if (latest.length < count || first === undefined || at - first >= windowMs) return null;
    if (acknowledgedNear.get(unitId, at - windowMs)) return undefined;
    const hit = overlapping.get({ unitId, start: first, end: at, since: Number.MIN_SAFE_INTEGER });
    if (!hit || hit.acknowledgedAt !== null) return undefined;
    const start = Math.min(hit.startAt, first);
    const end = Math.max(hit.endAt, at);
    // Counted only over what the alert did not cover yet: the rest is in low_count already.
    const lowCount =
      start === hit.startAt ? hit.lowCount + (end > hit.endAt ? (countLow.get(unitId, hit.endAt + 1, end) ?? 0) : 0) : (countLow.get(unitId, start, end) ?? 0);
    extend.run(start, end, lowCount, hit.id);
    return { alertId: hit.id, created: false };
  };

  return (unitId, at) => {
    const r = rule.get(unitId) ?? DEFAULT_ALERT_RULE;
    if (!r.active) return null;
    const windowMs = r.windowMinutes * MINUTE_MS;
    const decided = inOrder(unitId, at, r.count, windowMs);
    if (decided !== undefined) return decided;
    // Any `count` ratings less than a window apart that include `at` lie in here.
    const times = lowTimes.all(unitId, at - windowMs, at + windowMs);
    let since = Number.MIN_SAFE_INTEGER;
    for (;;) {
      const burst = burstAt(
        times.filter((t) => t > since),
        at,
        r.count,
        windowMs,
      );
      if (!burst) return null;
      const hit = overlapping.get({ unitId, start: burst.start, end: burst.end, since });
      if (!hit) {
        const id = insert.run(unitId, burst.start, burst.end, burst.count, burst.triggeredAt, r.count, r.windowMinutes).lastInsertRowid;
        return { alertId: Number(id), created: true };
      }
      if (hit.acknowledgedAt === null) {
        const start = Math.min(hit.startAt, burst.start);
        const end = Math.max(hit.endAt, burst.end);
        extend.run(start, end, countLow.get(unitId, start, end) ?? 0, hit.id);
        return { alertId: hit.id, created: false };
      }
      // An acknowledged alert is closed: its note answered what had happened.
      // Low ratings after the acknowledgement raise a new alert only if they
      // meet the rule on their own. A rating given before it is part of
      // what was acknowledged.
      if (at <= hit.acknowledgedAt || hit.acknowledgedAt <= since) return null;
      since = hit.acknowledgedAt;
    }
  };
}

function burstAt(times: number[], at: number, count: number, windowMs: number): Burst | undefined {
  return lowRatingBurst(times, { count, windowMs }).find((b) => b.start <= at && at <= b.end);
}
