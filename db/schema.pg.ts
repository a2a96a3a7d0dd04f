import { sql } from 'drizzle-orm';
import { ROLES } from '../lib/auth/roles';
import {
  CHANNELS,
  COMMENT_STATUSES,
  DOSSIER_SOURCES,
  DUTY_SOURCES,
  EVALUATION_STATUSES,
  INTEGRITY_FINDINGS,
  NOMINATION_STATUSES,
  ORGANISATION_KINDS,
  PUBLICATION_KINDS,
  RECOGNITION_KINDS,
  RECOGNITION_ROUND_STATUSES,
  RECOMMENDATION_STATUSES,
} from './schema.sqlite';
import { type AnyPgColumn, bigint, customType, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * The PostgreSQL schema: the same tables, columns, names and indexes as
 * schema.sqlite.ts, and the same values in and out (db/schema.test.ts
 * compares the two databases after migration). Times stay epoch
 * milliseconds (bigint) so rollup keys, comparisons and raw SQL are the same
 * on both engines; keys compared as ranges or by prefix (paths, days,
 * months) use the "C" collation, as SQLite compares text byte by byte.
 */

/** Epoch milliseconds in a bigint column, read and written as a Date (SQLite's `timestamp_ms`). */
const epochMs = customType<{ data: Date; driverData: number | string }>({
  dataType: () => 'bigint',
  toDriver: (value) => value.getTime(),
  fromDriver: (value) => new Date(Number(value)),
});

/**
 * A boolean column. node-postgres is configured to read booleans as 0/1
 * (db/engine/pg.ts), as SQLite returns them, so raw SQL reads the same on
 * both engines; through drizzle they are booleans again.
 */
const flag = customType<{ data: boolean; driverData: boolean | number }>({
  dataType: () => 'boolean',
  fromDriver: (value) => value === true || value === 1,
});

/** JSON kept as text, as SQLite's `text({ mode: 'json' })` keeps it. */
const jsonText = customType<{ data: unknown; driverData: string }>({
  dataType: () => 'text',
  toDriver: (value) => JSON.stringify(value),
  fromDriver: (value) => JSON.parse(value),
});

/** Bytes (an official's photo): bytea, read and written as a Buffer as SQLite's blob. */
const bytes = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => 'bytea',
});

/** Text compared byte by byte, so `path >= '/1/' and path < '/1/0'` is the subtree on any database locale. */
const byteText = customType<{ data: string; driverData: string }>({
  dataType: () => 'text collate "C"',
});

// Times are UTC epoch milliseconds; they are shown in Asia/Ho_Chi_Minh (lib/format.ts).
const createdAt = () =>
  epochMs('created_at')
    .notNull()
    .default(sql`((extract(epoch from clock_timestamp()) * 1000)::bigint)`);

/**
 * The administrative tree (domain.md §1): any depth, kinds are data. A unit
 * with a `code` takes ratings ("an office"); the code is opaque and never
 * changes on rename or move, so printed QR codes keep working.
 * `path` lists the ids from the root down to this unit ("/1/4/9/"), which
 * makes "this unit and everything below it" one indexed prefix match.
 */
export const units = pgTable(
  'units',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    parentId: integer('parent_id').references((): AnyPgColumn => units.id),
    path: byteText('path').notNull(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    /** Lower-case name without diacritics, for accent-insensitive search. */
    searchName: text('search_name').notNull(),
    /**
     * Other names citizens may still search by (former names after the 2025
     * mergers), one per line as typed; null when none. `searchAliases` holds
     * them folded like `searchName` (lib/unit-aliases.ts).
     */
    aliases: text('aliases'),
    searchAliases: text('search_aliases'),
    code: text('code'),
    address: text('address'),
    active: flag('active').notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
    /** Null inherits the nearest ancestor's set, then the default set. */
    questionSetId: integer('question_set_id').references(() => questionSets.id),
    /**
     * Opening hours (lib/opening-hours.ts) as JSON; null inherits the nearest
     * ancestor's, then the default (Monday–Friday 7:00–17:30, Saturday morning).
     */
    openingHours: jsonText('opening_hours'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('units_code_uq').on(t.code),
    index('units_parent_idx').on(t.parentId),
    index('units_path_idx').on(t.path),
  ],
);

/** Counters (quầy) inside an office; each has its own QR code. */
export const counters = pgTable(
  'counters',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    unitId: integer('unit_id').notNull().references(() => units.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    active: flag('active').notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('counters_code_uq').on(t.code), index('counters_unit_idx').on(t.unitId)],
);

/** The pick-list of procedure fields (lĩnh vực) an office offers (domain.md §4, Q12). */
export const procedureFields = pgTable(
  'procedure_fields',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    unitId: integer('unit_id').notNull().references(() => units.id),
    name: text('name').notNull(),
    active: flag('active').notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [index('procedure_fields_unit_idx').on(t.unitId)],
);

export const questionSets = pgTable('question_sets', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  name: text('name').notNull(),
  isDefault: flag('is_default').notNull().default(false),
  /**
   * The unit whose administrators may change this set (and assign it within
   * their subtree); null only for sets made before ownership existed, which
   * belong to the root of the tree.
   */
  ownerUnitId: integer('owner_unit_id').references((): AnyPgColumn => units.id),
  createdAt: createdAt(),
});

/** Editing a question set creates a new version; a response keeps the version it answered. */
export const questionSetVersions = pgTable(
  'question_set_versions',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    questionSetId: integer('question_set_id').notNull().references(() => questionSets.id),
    version: integer('version').notNull(),
    /** A QuestionSetDefinition (lib/survey/question-set.ts) as JSON. */
    definition: jsonText('definition').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('question_set_versions_uq').on(t.questionSetId, t.version)],
);


export const responses = pgTable(
  'responses',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    /** Made by the client (form or kiosk); a retry with the same id is stored once. */
    clientId: text('client_id').notNull(),
    unitId: integer('unit_id').notNull().references(() => units.id),
    counterId: integer('counter_id').references(() => counters.id),
    questionSetVersionId: integer('question_set_version_id').notNull().references(() => questionSetVersions.id),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    /** When the citizen rated (the tap time on a kiosk). */
    submittedAt: epochMs('submitted_at').notNull(),
    /** When the server stored it. */
    receivedAt: epochMs('received_at').notNull(),
    lang: text('lang').notNull().default('vi'),
    procedureFieldId: integer('procedure_field_id').references(() => procedureFields.id),
    comment: text('comment'),
    /** Given to a citizen who left a comment, to look up the office's reply. */
    receiptCode: text('receipt_code'),
    /** Salted hashes only (domain.md §7); cleared once abuse checks no longer need them. */
    deviceHash: text('device_hash'),
    networkHash: text('network_hash'),
    /** Comma-separated abuse flags (lib/abuse.ts); flagged responses are kept but excluded. */
    flags: text('flags'),
    excluded: flag('excluded').notNull().default(false),
    /** Set by the kiosk channel. */
    kioskId: integer('kiosk_id'),
    /** The official on duty at the rating's counter when it was given (docs/decisions/023). */
    officialId: integer('official_id'),
    /** The dossier this rating is tied to (channel 'dossier', docs/decisions/027): one rating per dossier. */
    dossierId: integer('dossier_id'),
  },
  (t) => [
    uniqueIndex('responses_client_id_uq').on(t.clientId),
    uniqueIndex('responses_dossier_uq').on(t.dossierId).where(sql`dossier_id is not null`),
    uniqueIndex('responses_receipt_uq').on(t.receiptCode),
    index('responses_unit_time_idx').on(t.unitId, t.submittedAt),
    index('responses_counter_time_idx').on(t.counterId, t.submittedAt),
    index('responses_device_idx').on(t.deviceHash, t.receivedAt),
    index('responses_network_idx').on(t.networkHash, t.receivedAt),
    // Only the commented ratings: what the follow-up counts (unanswered comments) walk, in every staff page's badge.
    index('responses_commented_idx').on(t.unitId, t.submittedAt).where(sql`comment is not null`),
    index('responses_official_time_idx').on(t.officialId, t.submittedAt).where(sql`official_id is not null`),
  ],
);

/**
 * One row per answered scale question (score) or chosen option (choice);
 * a multiple-choice question has one row per option chosen.
 */
export const answers = pgTable(
  'answers',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    responseId: bigint('response_id', { mode: 'number' }).notNull().references(() => responses.id, { onDelete: 'cascade' }),
    questionKey: text('question_key').notNull(),
    score: integer('score'),
    choice: text('choice'),
  },
  (t) => [index('answers_response_idx').on(t.responseId), index('answers_question_idx').on(t.questionKey, t.score)],
);

/** Contact data, kept apart from the anonymous rating and purged after retention (domain.md §7). */
export const contacts = pgTable(
  'contacts',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    responseId: bigint('response_id', { mode: 'number' }).notNull().references(() => responses.id, { onDelete: 'cascade' }),
    phone: text('phone').notNull(),
    consentVersion: text('consent_version').notNull(),
    consentedAt: epochMs('consented_at').notNull(),
    purgeAfter: epochMs('purge_after').notNull(),
  },
  (t) => [uniqueIndex('contacts_response_uq').on(t.responseId), index('contacts_purge_idx').on(t.purgeAfter)],
);



/**
 * Staff accounts. Never deleted (history keeps its authors): disabled.
 * Each account has one role over one subtree of the unit tree.
 * Bumping `sessionVersion` ends every session of the account at its next request.
 */
export const users = pgTable(
  'users',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    /** Lower-case; sign-in accepts it or the e-mail. */
    username: text('username').notNull(),
    email: text('email'),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    scopeUnitId: integer('scope_unit_id').notNull().references(() => units.id),
    active: flag('active').notNull().default(true),
    mustChangePassword: flag('must_change_password').notNull().default(false),
    sessionVersion: integer('session_version').notNull().default(1),
    lastSignInAt: epochMs('last_sign_in_at'),
    /** Until when the alerts page was last seen: its badge counts what came after. */
    alertsSeenAt: epochMs('alerts_seen_at'),
    /** A supervisor's organisation (docs/decisions/028). */
    organisationId: integer('organisation_id').references((): AnyPgColumn => supervisorOrganisations.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_username_uq').on(t.username), uniqueIndex('users_email_uq').on(t.email)],
);

/** Who changed what, when, with the values before and after; sign-ins too. Append-only. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    at: epochMs('at').notNull(),
    actorId: integer('actor_id').references(() => users.id),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    before: jsonText('before'),
    after: jsonText('after'),
    networkHash: text('network_hash'),
    /** The unit the entry concerns: administrators read only the entries of their subtree; null is the whole system. */
    unitId: integer('unit_id').references(() => units.id),
    /**
     * Anonymous failures (sign-in, kiosk pairing) from one network within a
     * window are one row: how many, and when the last one came.
     */
    count: integer('count').notNull().default(1),
    lastAt: epochMs('last_at'),
    /** The dossier-system integration that made the call (issue 17). */
    integrationId: integer('integration_id'),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at),
    index('audit_log_unit_idx').on(t.unitId, t.at),
    index('audit_log_actor_idx').on(t.actorId, t.at),
    index('audit_log_entity_idx').on(t.entityType, t.entityId),
    index('audit_log_action_idx').on(t.action, t.at),
  ],
);

/** Sign-in attempts, counted per account and per network for throttling (kept in the database, not in memory). */
export const signInAttempts = pgTable(
  'sign_in_attempts',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    at: epochMs('at').notNull(),
    accountKey: text('account_key').notNull(),
    networkHash: text('network_hash'),
    ok: flag('ok').notNull(),
  },
  (t) => [index('sign_in_attempts_account_idx').on(t.accountKey, t.at), index('sign_in_attempts_network_idx').on(t.networkHash, t.at)],
);

/**
 * One row per staff sign-in, named by the session token (its `sid`): the
 * token is valid only while its row is neither ended (sign-out) nor expired,
 * so signing out ends that session on every app server.
 */
export const userSessions = pgTable(
  'user_sessions',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: epochMs('created_at').notNull(),
    expiresAt: epochMs('expires_at').notNull(),
    endedAt: epochMs('ended_at'),
  },
  (t) => [index('user_sessions_user_idx').on(t.userId), index('user_sessions_expires_idx').on(t.expiresAt)],
);

/**
 * Events counted by throttles that have no table of their own (kiosk
 * pairing failures, kiosk batch requests, …): `scope` names the throttle,
 * `key` what it counts per (a network hash, a kiosk id). Kept in the
 * database so every app server counts the same; old rows are cleared by
 * runRetention.
 */
export const throttleEvents = pgTable(
  'throttle_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    at: epochMs('at').notNull(),
  },
  (t) => [index('throttle_events_key_idx').on(t.scope, t.key, t.at), index('throttle_events_at_idx').on(t.at)],
);


// ---------------------------------------------------------------------------
// Rollups (db/queries/rollups.ts): counts kept by createResponse in the same
// transaction as the response, so no dashboard reads raw responses. They can
// always be recomputed from responses and answers (rebuildRollups), which is
// how their correctness is tested.
//
// Common key columns: `day` is the local date of `submitted_at` in
// Asia/Ho_Chi_Minh (UTC+7, no DST), 'YYYY-MM-DD'; `counter_id` is 0 for a
// rating of the office itself (a NULL would never conflict in a unique index,
// so every such rating would add a row); `excluded` copies responses.excluded
// (flagged ratings are counted apart, so dashboards can say how many were left
// out). Unit first in every key: a dashboard reads one office, or each office
// of a subtree, over a range of days. No foreign keys: the rows only repeat
// ids that the response rows already checked, and a check per increment would
// cost the hot path for nothing.

/** Scale answers per day, office, counter, channel, question and score. */
export const rollupScores = pgTable(
  'rollup_scores',
  {
    unitId: integer('unit_id').notNull(),
    day: byteText('day').notNull(),
    counterId: integer('counter_id').notNull(),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    questionKey: text('question_key').notNull(),
    /** 1..5 */
    score: integer('score').notNull(),
    excluded: flag('excluded').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [uniqueIndex('rollup_scores_uq').on(t.unitId, t.day, t.counterId, t.channel, t.questionKey, t.score, t.excluded)],
);

/**
 * Responses per day, office, counter, channel and local hour, with how many
 * carried a comment: totals, the hour × weekday heatmap, comment counts.
 */
export const rollupResponses = pgTable(
  'rollup_responses',
  {
    unitId: integer('unit_id').notNull(),
    day: byteText('day').notNull(),
    counterId: integer('counter_id').notNull(),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    /** 0..23, local time. */
    hour: integer('hour').notNull(),
    /** 1 = Monday … 7 = Sunday, local time (a function of `day`, kept for the heatmap). */
    weekday: integer('weekday').notNull(),
    excluded: flag('excluded').notNull(),
    n: integer('n').notNull(),
    commented: integer('commented').notNull(),
  },
  (t) => [uniqueIndex('rollup_responses_uq').on(t.unitId, t.day, t.counterId, t.channel, t.hour, t.weekday, t.excluded)],
);

/** Options chosen in choice questions (reasons for dissatisfaction, trips, extra papers) per day, office and counter. */
export const rollupChoices = pgTable(
  'rollup_choices',
  {
    unitId: integer('unit_id').notNull(),
    day: byteText('day').notNull(),
    counterId: integer('counter_id').notNull(),
    questionKey: text('question_key').notNull(),
    choice: text('choice').notNull(),
    excluded: flag('excluded').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [uniqueIndex('rollup_choices_uq').on(t.unitId, t.day, t.counterId, t.questionKey, t.choice, t.excluded)],
);

/**
 * Flagged (excluded) responses per day, office, counter and abuse flag
 * (lib/abuse.ts): why ratings were left out. A response with two flags
 * counts under each.
 */
export const rollupFlags = pgTable(
  'rollup_flags',
  {
    unitId: integer('unit_id').notNull(),
    day: byteText('day').notNull(),
    counterId: integer('counter_id').notNull(),
    flag: text('flag').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [uniqueIndex('rollup_flags_uq').on(t.unitId, t.day, t.counterId, t.flag)],
);

/** The question, whether the rating was excluded, and the answers at each level 1..5: the shape of the three per-office level rollups. */
const levelColumns = () => ({
  questionKey: text('question_key').notNull(),
  excluded: flag('excluded').notNull(),
  n1: integer('n1').notNull(),
  n2: integer('n2').notNull(),
  n3: integer('n3').notNull(),
  n4: integer('n4').notNull(),
  n5: integer('n5').notNull(),
});

/**
 * Scale answers per office, local day and question, one column per level:
 * the province view reads every office of a subtree, and without counter and
 * channel in the key (and the five levels in one row) a month of 300 offices
 * is ~60 k rows instead of ~1.5 M in rollup_scores.
 */
export const rollupOfficeDays = pgTable(
  'rollup_office_days',
  {
    unitId: integer('unit_id').notNull(),
    day: byteText('day').notNull(),
    ...levelColumns(),
  },
  (t) => [
    uniqueIndex('rollup_office_days_uq').on(t.unitId, t.day, t.questionKey, t.excluded),
    // Covering: the day-by-day trend and the edge days of a province read each office's days
    // from the index alone (≈ 50 k rows for 300 offices over 30 days: 77 ms p95 at 10M ratings
    // on PostgreSQL with a heap fetch per row, ≈ 2.5× less without). ADR 013, session 12.
    index('rollup_office_days_covering').on(t.unitId, t.day, t.questionKey, t.excluded, t.n1, t.n2, t.n3, t.n4, t.n5),
  ],
);

/** The same per local calendar month ("YYYY-MM"): long periods read whole months here and only the edge days above. */
export const rollupOfficeMonths = pgTable(
  'rollup_office_months',
  {
    unitId: integer('unit_id').notNull(),
    month: byteText('month').notNull(),
    ...levelColumns(),
  },
  (t) => [
    uniqueIndex('rollup_office_months_uq').on(t.unitId, t.month, t.questionKey, t.excluded),
    // Covering, in the order the province view groups by (office, question, exclusion):
    // SQLite seeks each one's months and sums a year of 300 offices without a sort (ADR 013).
    index('rollup_office_months_by_question').on(t.unitId, t.questionKey, t.excluded, t.month, t.n1, t.n2, t.n3, t.n4, t.n5),
  ],
);

/**
 * The same per calendar quarter ("YYYY-Q1".."YYYY-Q4"): a year's view reads
 * three or four quarters and the months beside them instead of twelve months
 * per office (lib/indicators/periods.ts withQuarters).
 */
export const rollupOfficeQuarters = pgTable(
  'rollup_office_quarters',
  {
    unitId: integer('unit_id').notNull(),
    quarter: byteText('quarter').notNull(),
    ...levelColumns(),
  },
  (t) => [
    uniqueIndex('rollup_office_quarters_uq').on(t.unitId, t.quarter, t.questionKey, t.excluded),
    // Covering, as rollup_office_months_by_question.
    index('rollup_office_quarters_by_question').on(t.unitId, t.questionKey, t.excluded, t.quarter, t.n1, t.n2, t.n3, t.n4, t.n5),
  ],
);

/**
 * The same per half of a local month ("YYYY-MM-1": days 1–15, "YYYY-MM-2": the
 * rest): a period that starts or ends mid-month reads a half (less a few days)
 * instead of up to two weeks of daily rows per office (splitByMonths).
 */
export const rollupOfficeHalves = pgTable(
  'rollup_office_halves',
  {
    unitId: integer('unit_id').notNull(),
    half: byteText('half').notNull(),
    ...levelColumns(),
  },
  (t) => [uniqueIndex('rollup_office_halves_uq').on(t.unitId, t.half, t.questionKey, t.excluded)],
);

/**
 * Scale answers per office, local calendar month, counter, channel and
 * question, one column per level: an office's counters and channels over a
 * long period read whole months here and only the edge days in rollup_scores
 * (lib/indicators/periods.ts splitWholeMonths). Without it a year of a busy
 * office's counters was ~100 k daily rows, and grew with the ratings until
 * every day × counter × channel × score had a row (bench/README.md, 10M).
 */
export const rollupCounterMonths = pgTable(
  'rollup_counter_months',
  {
    unitId: integer('unit_id').notNull(),
    month: byteText('month').notNull(),
    counterId: integer('counter_id').notNull(),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    ...levelColumns(),
  },
  (t) => [uniqueIndex('rollup_counter_months_uq').on(t.unitId, t.month, t.counterId, t.channel, t.questionKey, t.excluded)],
);

/** Flagged responses per office, local calendar month and flag: rollup_flags by month, for long periods (as above). */
export const rollupFlagMonths = pgTable(
  'rollup_flag_months',
  {
    unitId: integer('unit_id').notNull(),
    month: byteText('month').notNull(),
    flag: text('flag').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [uniqueIndex('rollup_flag_months_uq').on(t.unitId, t.month, t.flag)],
);

/** Responses per office, local calendar month, weekday and hour, with how many carried a comment: rollup_responses by month (the heatmap and comment counts of long periods). */
export const rollupResponseMonths = pgTable(
  'rollup_response_months',
  {
    unitId: integer('unit_id').notNull(),
    month: byteText('month').notNull(),
    /** 1 = Monday … 7 = Sunday, local time. */
    weekday: integer('weekday').notNull(),
    /** 0..23, local time. */
    hour: integer('hour').notNull(),
    excluded: flag('excluded').notNull(),
    n: integer('n').notNull(),
    commented: integer('commented').notNull(),
  },
  (t) => [uniqueIndex('rollup_response_months_uq').on(t.unitId, t.month, t.weekday, t.hour, t.excluded)],
);

/** Options chosen per office, local calendar month and choice question: rollup_choices by month. */
export const rollupChoiceMonths = pgTable(
  'rollup_choice_months',
  {
    unitId: integer('unit_id').notNull(),
    month: byteText('month').notNull(),
    questionKey: text('question_key').notNull(),
    choice: text('choice').notNull(),
    excluded: flag('excluded').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [uniqueIndex('rollup_choice_months_uq').on(t.unitId, t.month, t.questionKey, t.choice, t.excluded)],
);

/**
 * Ratings that are not excluded and have a scale answer of 1–2 (lib/indicators/alerts.ts
 * DISSATISFIED_MAX): the "new low ratings" badge and the alert rule read these
 * instead of joining answers. Kept by the same writers as the rollups.
 */
export const lowRatings = pgTable(
  'low_ratings',
  {
    responseId: bigint('response_id', { mode: 'number' }).primaryKey(),
    unitId: integer('unit_id').notNull(),
    counterId: integer('counter_id').notNull(),
    submittedAt: bigint('submitted_at', { mode: 'number' }).notNull(),
    minScore: integer('min_score').notNull(),
  },
  (t) => [index('low_ratings_unit_time_idx').on(t.unitId, t.submittedAt)],
);

/**
 * The alert rule of an office: `count` low ratings within `window_minutes`.
 * An office without a row uses the default (3 within 60 minutes).
 */
export const alertRules = pgTable('alert_rules', {
  unitId: integer('unit_id')
    .primaryKey()
    .references(() => units.id),
  count: integer('count').notNull(),
  windowMinutes: integer('window_minutes').notNull(),
  active: flag('active').notNull().default(true),
  updatedBy: integer('updated_by').references(() => users.id),
  updatedAt: epochMs('updated_at').notNull(),
});

/** A burst of low ratings that met an office's rule; acknowledged with a note by the office. */
export const alerts = pgTable(
  'alerts',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    /** Times of the first and last low rating of the burst (epoch ms). */
    startAt: epochMs('start_at').notNull(),
    endAt: epochMs('end_at').notNull(),
    lowCount: integer('low_count').notNull(),
    /** When the rule first held. */
    triggeredAt: epochMs('triggered_at').notNull(),
    ruleCount: integer('rule_count').notNull(),
    ruleWindowMinutes: integer('rule_window_minutes').notNull(),
    acknowledgedBy: integer('acknowledged_by').references(() => users.id),
    acknowledgedAt: epochMs('acknowledged_at'),
    note: text('note'),
  },
  (t) => [index('alerts_unit_time_idx').on(t.unitId, t.endAt)],
);


/**
 * The office's handling of a citizen's comment (responses.comment): one row
 * per comment once someone acts on it; a comment with no row is 'new'.
 * The reply is public to whoever holds the receipt code (pages/tra-cuu.tsx).
 */
export const commentThreads = pgTable(
  'comment_threads',
  {
    responseId: bigint('response_id', { mode: 'number' })
      .primaryKey()
      .references(() => responses.id, { onDelete: 'cascade' }),
    status: text('status', { enum: COMMENT_STATUSES }).notNull().default('new'),
    replyText: text('reply_text'),
    repliedBy: integer('replied_by').references(() => users.id),
    repliedAt: epochMs('replied_at'),
    /** The official the comment praises or criticises, as linked by the office head (audited). */
    officialId: integer('official_id').references((): AnyPgColumn => officials.id),
    updatedAt: epochMs('updated_at').notNull(),
  },
  (t) => [index('comment_threads_status_idx').on(t.status), index('comment_threads_official_idx').on(t.officialId)],
);

/**
 * A low rating the office has looked at (the alerts page's "Đã xem xét"): it no
 * longer waits for follow-up. Kept apart from low_ratings, which the rollup
 * rebuild recomputes from the raw ratings.
 */
export const lowRatingReviews = pgTable('low_rating_reviews', {
  responseId: bigint('response_id', { mode: 'number' })
    .primaryKey()
    .references(() => responses.id, { onDelete: 'cascade' }),
  reviewedBy: integer('reviewed_by').references(() => users.id),
  reviewedAt: epochMs('reviewed_at').notNull(),
});

// ---------------------------------------------------------------------------
// Kiosks (issue 5): shared tablets paired to an office (and optionally a counter)

/**
 * A kiosk tablet. Pairing: staff create it and get a short code (only its
 * hash is kept) valid for 15 minutes; the tablet trades the code for a
 * long-lived device credential (only its hash is kept) in an httpOnly cookie.
 * Revoking or re-pairing clears the credential hash, so the tablet's next
 * contact is refused and it shows the pairing screen.
 */
export const kiosks = pgTable(
  'kiosks',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    counterId: integer('counter_id').references(() => counters.id),
    name: text('name').notNull(),
    pairingCodeHash: text('pairing_code_hash'),
    pairingExpiresAt: epochMs('pairing_expires_at'),
    credentialHash: text('credential_hash'),
    pairedAt: epochMs('paired_at'),
    /** The kiosk's first pairing: no rating can have been tapped on it before (re-pairing keeps it). */
    firstPairedAt: epochMs('first_paired_at'),
    revokedAt: epochMs('revoked_at'),
    /** Seconds without input before the kiosk returns to its start screen. */
    idleSeconds: integer('idle_seconds').notNull().default(30),
    /** As last reported by the tablet. */
    lastSeenAt: epochMs('last_seen_at'),
    appVersion: text('app_version'),
    queuedCount: integer('queued_count'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('kiosks_unit_idx').on(t.unitId),
    uniqueIndex('kiosks_pairing_uq').on(t.pairingCodeHash),
    uniqueIndex('kiosks_credential_uq').on(t.credentialHash),
  ],
);

export const kioskOutages = pgTable(
  'kiosk_outages',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    kioskId: integer('kiosk_id')
      .notNull()
      .references(() => kiosks.id, { onDelete: 'cascade' }),
    silentSince: epochMs('silent_since').notNull(),
    detectedAt: epochMs('detected_at').notNull(),
    endedAt: epochMs('ended_at'),
  },
  (t) => [uniqueIndex('kiosk_outages_open_uq').on(t.kioskId).where(sql`ended_at is null`), index('kiosk_outages_kiosk_idx').on(t.kioskId, t.detectedAt)],
);

// ---------------------------------------------------------------------------
// The model's annual evaluation (issue 6, domain.md §6)


/**
 * An evaluation period (a year) and its rubric: the criteria tree, maxima,
 * automatic rules and classification bands, as JSON validated by
 * lib/evaluation (the rubric is data, domain.md §6). Editable only while no
 * office of the period is finalised.
 */
export const evaluationPeriods = pgTable(
  'evaluation_periods',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    year: integer('year').notNull(),
    name: text('name').notNull(),
    /** The province whose offices it evaluates. */
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    /** "YYYY-MM-DD", local. */
    dueDate: text('due_date').notNull(),
    rubric: text('rubric').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: epochMs('updated_at').notNull(),
  },
  (t) => [uniqueIndex('evaluation_periods_unit_year_uq').on(t.unitId, t.year, t.name)],
);

/** One office's score sheet in a period; a missing row is "not started". */
export const evaluationSheets = pgTable(
  'evaluation_sheets',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    periodId: integer('period_id')
      .notNull()
      .references(() => evaluationPeriods.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    status: text('status', { enum: EVALUATION_STATUSES }).notNull().default('not_started'),
    selfAssessedBy: integer('self_assessed_by').references(() => users.id),
    selfAssessedAt: epochMs('self_assessed_at'),
    reviewedBy: integer('reviewed_by').references(() => users.id),
    reviewedAt: epochMs('reviewed_at'),
    finalisedBy: integer('finalised_by').references(() => users.id),
    finalisedAt: epochMs('finalised_at'),
    /** Total and classification frozen at finalisation. */
    finalTotal: integer('final_total_x100'),
    finalClass: text('final_class'),
    updatedAt: epochMs('updated_at').notNull(),
  },
  (t) => [uniqueIndex('evaluation_sheets_period_unit_uq').on(t.periodId, t.unitId)],
);

/**
 * Points per criterion of a sheet: the office's self-assessment and the
 * assessor's review side by side, with evidence (a note and links, JSON
 * list) and, for automatic criteria, the indicator they were computed from.
 * Points are stored ×100 as integers so halves and quarters add up exactly.
 */
export const evaluationScores = pgTable(
  'evaluation_scores',
  {
    sheetId: integer('sheet_id')
      .notNull()
      .references(() => evaluationSheets.id, { onDelete: 'cascade' }),
    criterionKey: text('criterion_key').notNull(),
    selfPoints: integer('self_points_x100'),
    selfNote: text('self_note'),
    selfLinks: text('self_links'),
    reviewPoints: integer('review_points_x100'),
    reviewNote: text('review_note'),
    /** JSON: { rate, low, high, n, enoughData, from, to } when the criterion is automatic. */
    source: text('source'),
    updatedAt: epochMs('updated_at').notNull(),
  },
  (t) => [uniqueIndex('evaluation_scores_uq').on(t.sheetId, t.criterionKey)],
);

// ---------------------------------------------------------------------------
// Scheduled jobs, e-mail and erasure requests (as in schema.sqlite.ts)

export const scheduledJobs = pgTable('scheduled_jobs', {
  name: text('name').primaryKey(),
  nextRunAt: epochMs('next_run_at').notNull(),
  leaseOwner: text('lease_owner'),
  leaseUntil: epochMs('lease_until'),
  lastStartedAt: epochMs('last_started_at'),
  lastFinishedAt: epochMs('last_finished_at'),
  lastOutcome: text('last_outcome'),
  lastMessage: text('last_message'),
  lastDurationMs: integer('last_duration_ms'),
  lastSuccessAt: epochMs('last_success_at'),
  registeredAt: epochMs('registered_at').notNull(),
});

export const mailDeliveries = pgTable(
  'mail_deliveries',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    kind: text('kind').notNull(),
    key: text('key').notNull(),
    recipient: text('recipient').notNull(),
    sentAt: epochMs('sent_at').notNull(),
  },
  (t) => [uniqueIndex('mail_deliveries_key_uq').on(t.key, t.recipient), index('mail_deliveries_sent_idx').on(t.sentAt)],
);

export const contactErasures = pgTable(
  'contact_erasures',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    responseId: bigint('response_id', { mode: 'number' })
      .notNull()
      .references(() => responses.id, { onDelete: 'cascade' }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    channel: text('channel').notNull(),
    requestedAt: epochMs('requested_at').notNull(),
    erasedAt: epochMs('erased_at').notNull(),
    recordedBy: integer('recorded_by').references(() => users.id),
    note: text('note'),
  },
  (t) => [uniqueIndex('contact_erasures_response_uq').on(t.responseId), index('contact_erasures_unit_idx').on(t.unitId, t.erasedAt)],
);

// ---------------------------------------------------------------------------
// Officials at the counter, and recognition (issue 14, docs/decisions/023)

export const officials = pgTable(
  'officials',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    fullName: text('full_name').notNull(),
    searchName: text('search_name').notNull(),
    position: text('position').notNull().default(''),
    active: flag('active').notNull().default(true),
    userId: integer('user_id').references(() => users.id),
    pinHash: text('pin_hash'),
    managesDuty: flag('manages_duty').notNull().default(false),
    photoVersion: integer('photo_version').notNull().default(0),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: epochMs('updated_at').notNull(),
  },
  (t) => [index('officials_unit_idx').on(t.unitId, t.active), uniqueIndex('officials_user_uq').on(t.userId)],
);

export const officialPhotos = pgTable('official_photos', {
  officialId: integer('official_id')
    .primaryKey()
    .references(() => officials.id, { onDelete: 'cascade' }),
  mime: text('mime').notNull(),
  width: integer('width').notNull(),
  height: integer('height').notNull(),
  bytes: bytes('bytes').notNull(),
  updatedAt: epochMs('updated_at').notNull(),
});

export const dutyTemplates = pgTable(
  'duty_templates',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    counterId: integer('counter_id')
      .notNull()
      .references(() => counters.id),
    officialId: integer('official_id')
      .notNull()
      .references(() => officials.id),
    weekday: integer('weekday').notNull(),
    startMinute: integer('start_minute').notNull(),
    endMinute: integer('end_minute').notNull(),
    validFrom: byteText('valid_from').notNull(),
    validTo: byteText('valid_to'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('duty_templates_counter_idx').on(t.counterId, t.weekday), index('duty_templates_official_idx').on(t.officialId)],
);

export const dutyShifts = pgTable(
  'duty_shifts',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    counterId: integer('counter_id')
      .notNull()
      .references(() => counters.id),
    officialId: integer('official_id').references(() => officials.id),
    startAt: epochMs('start_at').notNull(),
    endAt: epochMs('end_at').notNull(),
    source: text('source', { enum: DUTY_SOURCES }).notNull(),
    kioskId: integer('kiosk_id').references(() => kiosks.id),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('duty_shifts_counter_idx').on(t.counterId, t.startAt),
    index('duty_shifts_official_idx').on(t.officialId, t.startAt),
    index('duty_shifts_unit_idx').on(t.unitId, t.startAt),
  ],
);

export const rollupOfficialDays = pgTable(
  'rollup_official_days',
  {
    officialId: integer('official_id').notNull(),
    day: byteText('day').notNull(),
    ...levelColumns(),
  },
  (t) => [uniqueIndex('rollup_official_days_uq').on(t.officialId, t.day, t.questionKey, t.excluded)],
);

export const rollupOfficialMonths = pgTable(
  'rollup_official_months',
  {
    officialId: integer('official_id').notNull(),
    month: byteText('month').notNull(),
    ...levelColumns(),
  },
  (t) => [uniqueIndex('rollup_official_months_uq').on(t.officialId, t.month, t.questionKey, t.excluded)],
);

export const recognitionForms = pgTable(
  'recognition_forms',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    name: text('name').notNull(),
    kind: text('kind', { enum: RECOGNITION_KINDS }).notNull(),
    active: flag('active').notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index('recognition_forms_unit_idx').on(t.unitId)],
);

export const recognitionRounds = pgTable(
  'recognition_rounds',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    periodId: integer('period_id')
      .notNull()
      .references(() => evaluationPeriods.id),
    status: text('status', { enum: RECOGNITION_ROUND_STATUSES }).notNull().default('open'),
    rules: text('rules').notNull(),
    submissionNumber: text('submission_number'),
    submissionDate: text('submission_date'),
    compiledBy: integer('compiled_by').references(() => users.id),
    compiledAt: epochMs('compiled_at'),
    decisionNumber: text('decision_number'),
    decisionDate: text('decision_date'),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: epochMs('decided_at'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: epochMs('updated_at').notNull(),
  },
  (t) => [uniqueIndex('recognition_rounds_period_uq').on(t.periodId)],
);

export const nominations = pgTable(
  'nominations',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    roundId: integer('round_id')
      .notNull()
      .references(() => recognitionRounds.id),
    kind: text('kind', { enum: RECOGNITION_KINDS }).notNull(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    officialId: integer('official_id').references(() => officials.id),
    formId: integer('form_id')
      .notNull()
      .references(() => recognitionForms.id),
    reasons: text('reasons').notNull(),
    evidenceLinks: text('evidence_links'),
    figures: text('figures'),
    status: text('status', { enum: NOMINATION_STATUSES }).notNull().default('proposed'),
    reviewNote: text('review_note'),
    nominatedBy: integer('nominated_by').references(() => users.id),
    nominatedAt: epochMs('nominated_at').notNull(),
    reviewedBy: integer('reviewed_by').references(() => users.id),
    reviewedAt: epochMs('reviewed_at'),
    awardedFormId: integer('awarded_form_id').references(() => recognitionForms.id),
    updatedAt: epochMs('updated_at').notNull(),
  },
  (t) => [
    index('nominations_round_idx').on(t.roundId, t.unitId),
    uniqueIndex('nominations_individual_uq').on(t.roundId, t.officialId).where(sql`official_id is not null`),
    uniqueIndex('nominations_collective_uq').on(t.roundId, t.unitId).where(sql`kind = 'collective'`),
  ],
);

// ---------------------------------------------------------------------------
// Dossier rating links (issue 17, docs/decisions/027)

/**
 * A dossier system's key (or an administrator's name for one): calls with it
 * may register dossiers of `unit_id` and its subtree. The secret is shown
 * once; only its SHA-256 is kept (a 32-byte random key needs no slow hash),
 * found by its public `key_prefix`.
 */
export const integrations = pgTable(
  'integrations',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    name: text('name').notNull(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    keyPrefix: text('key_prefix').notNull(),
    keyHash: text('key_hash').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
    revokedAt: epochMs('revoked_at'),
    revokedBy: integer('revoked_by').references(() => users.id),
    lastUsedAt: epochMs('last_used_at'),
    /** The key's rate limit (server/integrations.ts admitApiCall): when its allowance is used up, in epoch ms; null before its first call. */
    apiAllowanceAt: bigint('api_allowance_at', { mode: 'number' }),
  },
  (t) => [uniqueIndex('integrations_key_prefix_uq').on(t.keyPrefix), index('integrations_unit_idx').on(t.unitId)],
);

/**
 * A dossier (hồ sơ) received at an office's one-stop desk, registered by its
 * dossier system (`integration_id`) or a head's CSV (`created_by`), with the
 * token of its rating link. Its rating is the response whose `dossier_id` is
 * this row. Codes are unique across the platform (they carry the agency's code).
 */
export const dossiers = pgTable(
  'dossiers',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    code: text('code').notNull(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    counterId: integer('counter_id').references(() => counters.id),
    procedure: text('procedure').notNull().default(''),
    receivedAt: epochMs('received_at').notNull(),
    dueAt: epochMs('due_at'),
    returnedAt: epochMs('returned_at'),
    /** The rating link's token (/h/<token>): random and signed (lib/dossier-token.ts). */
    token: text('token').notNull(),
    source: text('source', { enum: DOSSIER_SOURCES }).notNull(),
    integrationId: integer('integration_id').references(() => integrations.id),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: epochMs('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('dossiers_code_uq').on(t.code),
    uniqueIndex('dossiers_token_uq').on(t.token),
    index('dossiers_unit_returned_idx').on(t.unitId, t.returnedAt),
    index('dossiers_unit_received_idx').on(t.unitId, t.receivedAt),
  ],
);

// ---------------------------------------------------------------------------
// Publishing, supervision and integrity reports (issue 15, docs/decisions/028)

/**
 * The organisations supervisors belong to (Ủy ban MTTQ, Ban Tuyên giáo và
 * Dân vận, Thanh tra tỉnh, HĐND…), a list administrators keep. `kind`
 * 'inspectorate' is what lets its supervisors close integrity reports.
 */
export const supervisorOrganisations = pgTable(
  'supervisor_organisations',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ORGANISATION_KINDS }).notNull(),
    active: flag('active').notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('supervisor_organisations_name_uq').on(t.name)],
);

/**
 * What the assessor published for the public page: a quarter's or a year's
 * satisfaction figures (a year's with the evaluation's classification),
 * frozen at publication in `published_figures`, so the public page, its open
 * data and the press's stable URLs show exactly that and never a live figure.
 * `period_key`: '2026-Q3' or '2026'. Withdrawn rows are kept (audit).
 */
export const publications = pgTable(
  'publications',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    /** The province (unit) whose offices it covers. */
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    kind: text('kind', { enum: PUBLICATION_KINDS }).notNull(),
    periodKey: text('period_key').notNull(),
    /** The evaluation period whose finalised classification a year's publication carries. */
    evaluationPeriodId: integer('evaluation_period_id').references(() => evaluationPeriods.id),
    publishedBy: integer('published_by').references(() => users.id),
    publishedAt: epochMs('published_at').notNull(),
    withdrawnAt: epochMs('withdrawn_at'),
  },
  (t) => [uniqueIndex('publications_period_uq').on(t.unitId, t.kind, t.periodKey).where(sql`withdrawn_at is null`)],
);

/** One office's (or the province's own, `unit_id` = the publication's) frozen figures in a publication. */
export const publishedFigures = pgTable(
  'published_figures',
  {
    publicationId: integer('publication_id')
      .notNull()
      .references(() => publications.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    /** The office's name and code as published (a later rename does not change what the press quoted). */
    name: text('name').notNull(),
    code: text('code'),
    respondents: integer('respondents').notNull(),
    satisfied: integer('satisfied').notNull(),
    /** Wilson interval bounds ×10000; null under the minimum sample ("Chưa đủ dữ liệu"). */
    lowX10000: integer('low_x10000'),
    highX10000: integer('high_x10000'),
    rank: integer('rank'),
    /** A year's evaluation result, when finalised: total ×100 and class. */
    totalX100: integer('total_x100'),
    finalClass: text('final_class'),
  },
  (t) => [uniqueIndex('published_figures_uq').on(t.publicationId, t.unitId)],
);

/** A good example the assessor curates for the public page (office, write-up, period, optional photo). */
export const goodExamples = pgTable(
  'good_examples',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** As shown: "Quý III/2026", "Năm 2026". */
    periodLabel: text('period_label').notNull(),
    photoMime: text('photo_mime'),
    photo: bytes('photo'),
    published: flag('published').notNull().default(false),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: epochMs('updated_at').notNull(),
  },
  (t) => [index('good_examples_unit_idx').on(t.unitId)],
);

/** A supervisor's visit (or desk review) of an office in an evaluation period, with its findings. */
export const supervisionVisits = pgTable(
  'supervision_visits',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    periodId: integer('period_id')
      .notNull()
      .references(() => evaluationPeriods.id),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => supervisorOrganisations.id),
    /** "YYYY-MM-DD", local. */
    visitedOn: text('visited_on').notNull(),
    findings: text('findings').notNull(),
    /** Newline-separated http(s) links. */
    evidenceLinks: text('evidence_links'),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('supervision_visits_unit_idx').on(t.unitId, t.periodId)],
);

/** A recommendation (kiến nghị) of a visit; the office head answers it and marks it done. */
export const recommendations = pgTable(
  'recommendations',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    visitId: integer('visit_id')
      .notNull()
      .references(() => supervisionVisits.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    periodId: integer('period_id')
      .notNull()
      .references(() => evaluationPeriods.id),
    text: text('text').notNull(),
    status: text('status', { enum: RECOMMENDATION_STATUSES }).notNull().default('open'),
    answer: text('answer'),
    answeredBy: integer('answered_by').references(() => users.id),
    answeredAt: epochMs('answered_at'),
    doneBy: integer('done_by').references(() => users.id),
    doneAt: epochMs('done_at'),
    createdAt: createdAt(),
    updatedAt: epochMs('updated_at').notNull(),
  },
  (t) => [index('recommendations_unit_idx').on(t.unitId, t.periodId, t.status), index('recommendations_visit_idx').on(t.visitId)],
);

/**
 * Raised by a rating whose answer a question set marks as an integrity signal
 * (harassment, money or papers beyond the rules), in the rating's
 * transaction; closed only by an inspectorate supervisor with a finding.
 */
export const integrityReports = pgTable(
  'integrity_reports',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    responseId: integer('response_id')
      .notNull()
      .references(() => responses.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    counterId: integer('counter_id'),
    /** The rating's submitted_at: reports are counted per office and period by it. */
    submittedAt: epochMs('submitted_at').notNull(),
    /** The marked answers, "q9=yes" comma-separated. */
    signals: text('signals').notNull(),
    finding: text('finding', { enum: INTEGRITY_FINDINGS }),
    note: text('note'),
    closedBy: integer('closed_by').references(() => users.id),
    closedAt: epochMs('closed_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('integrity_reports_response_uq').on(t.responseId), index('integrity_reports_unit_idx').on(t.unitId, t.submittedAt)],
);
