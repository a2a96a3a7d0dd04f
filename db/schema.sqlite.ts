import { sql } from 'drizzle-orm';
import { ROLES } from '../lib/auth/roles';
import {
  type AnySQLiteColumn,
  blob,
  index,
  integer,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';

// Times are UTC epoch milliseconds; they are shown in Asia/Ho_Chi_Minh (lib/format.ts).
const createdAt = () => integer('created_at', { mode: 'timestamp_ms' }).notNull().default(sql`(unixepoch('subsec') * 1000)`);

/**
 * The administrative tree (domain.md §1): any depth, kinds are data. A unit
 * with a `code` takes ratings ("an office"); the code is opaque and never
 * changes on rename or move, so printed QR codes keep working.
 * `path` lists the ids from the root down to this unit ("/1/4/9/"), which
 * makes "this unit and everything below it" one indexed prefix match.
 */
export const units = sqliteTable(
  'units',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    parentId: integer('parent_id').references((): AnySQLiteColumn => units.id),
    path: text('path').notNull(),
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
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
    /** Null inherits the nearest ancestor's set, then the default set. */
    questionSetId: integer('question_set_id').references(() => questionSets.id),
    /**
     * Opening hours (lib/opening-hours.ts) as JSON; null inherits the nearest
     * ancestor's, then the default (Monday–Friday 7:00–17:30, Saturday morning).
     */
    openingHours: text('opening_hours', { mode: 'json' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('units_code_uq').on(t.code),
    index('units_parent_idx').on(t.parentId),
    index('units_path_idx').on(t.path),
  ],
);

/** Counters (quầy) inside an office; each has its own QR code. */
export const counters = sqliteTable(
  'counters',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    unitId: integer('unit_id').notNull().references(() => units.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('counters_code_uq').on(t.code), index('counters_unit_idx').on(t.unitId)],
);

/** The pick-list of procedure fields (lĩnh vực) an office offers (domain.md §4, Q12). */
export const procedureFields = sqliteTable(
  'procedure_fields',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    unitId: integer('unit_id').notNull().references(() => units.id),
    name: text('name').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [index('procedure_fields_unit_idx').on(t.unitId)],
);

export const questionSets = sqliteTable('question_sets', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  isDefault: integer('is_default', { mode: 'boolean' }).notNull().default(false),
  /**
   * The unit whose administrators may change this set (and assign it within
   * their subtree); null only for sets made before ownership existed, which
   * belong to the root of the tree.
   */
  ownerUnitId: integer('owner_unit_id').references((): AnySQLiteColumn => units.id),
  createdAt: createdAt(),
});

/** Editing a question set creates a new version; a response keeps the version it answered. */
export const questionSetVersions = sqliteTable(
  'question_set_versions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    questionSetId: integer('question_set_id').notNull().references(() => questionSets.id),
    version: integer('version').notNull(),
    /** A QuestionSetDefinition (lib/survey/question-set.ts) as JSON. */
    definition: text('definition', { mode: 'json' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('question_set_versions_uq').on(t.questionSetId, t.version)],
);

/** 'dossier': rated through a dossier's own link (/h/<token>, issue 17): the verified ratings. */
export const CHANNELS = ['qr', 'kiosk', 'web', 'dossier'] as const;
export type Channel = (typeof CHANNELS)[number];

export const responses = sqliteTable(
  'responses',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Made by the client (form or kiosk); a retry with the same id is stored once. */
    clientId: text('client_id').notNull(),
    unitId: integer('unit_id').notNull().references(() => units.id),
    counterId: integer('counter_id').references(() => counters.id),
    questionSetVersionId: integer('question_set_version_id').notNull().references(() => questionSetVersions.id),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    /** When the citizen rated (the tap time on a kiosk). */
    submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }).notNull(),
    /** When the server stored it. */
    receivedAt: integer('received_at', { mode: 'timestamp_ms' }).notNull(),
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
    excluded: integer('excluded', { mode: 'boolean' }).notNull().default(false),
    /** Set by the kiosk channel. */
    kioskId: integer('kiosk_id'),
    /**
     * The official on duty at the rating's counter when it was given (the tap
     * time on a kiosk, the arrival on a phone); null when nobody was on duty
     * or the rating is not for a counter (docs/decisions/023).
     */
    officialId: integer('official_id'),
    /** The dossier this rating is tied to (channel 'dossier', issue 17, docs/decisions/027): one rating per dossier. */
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
export const answers = sqliteTable(
  'answers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    responseId: integer('response_id').notNull().references(() => responses.id, { onDelete: 'cascade' }),
    questionKey: text('question_key').notNull(),
    score: integer('score'),
    choice: text('choice'),
  },
  (t) => [index('answers_response_idx').on(t.responseId), index('answers_question_idx').on(t.questionKey, t.score)],
);

/** Contact data, kept apart from the anonymous rating and purged after retention (domain.md §7). */
export const contacts = sqliteTable(
  'contacts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    responseId: integer('response_id').notNull().references(() => responses.id, { onDelete: 'cascade' }),
    phone: text('phone').notNull(),
    consentVersion: text('consent_version').notNull(),
    consentedAt: integer('consented_at', { mode: 'timestamp_ms' }).notNull(),
    purgeAfter: integer('purge_after', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('contacts_response_uq').on(t.responseId), index('contacts_purge_idx').on(t.purgeAfter)],
);

export type Unit = typeof units.$inferSelect;
export type Counter = typeof counters.$inferSelect;
export type ResponseRow = typeof responses.$inferSelect;


/**
 * Staff accounts. Never deleted (history keeps its authors): disabled.
 * Each account has one role over one subtree of the unit tree.
 * Bumping `sessionVersion` ends every session of the account at its next request.
 */
export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Lower-case; sign-in accepts it or the e-mail. */
    username: text('username').notNull(),
    email: text('email'),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    scopeUnitId: integer('scope_unit_id').notNull().references(() => units.id),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
    sessionVersion: integer('session_version').notNull().default(1),
    lastSignInAt: integer('last_sign_in_at', { mode: 'timestamp_ms' }),
    /** Until when the alerts page was last seen: its badge counts what came after. */
    alertsSeenAt: integer('alerts_seen_at', { mode: 'timestamp_ms' }),
    /** A supervisor's organisation (issue 15, docs/decisions/028), shown on everything they write; null for other roles. */
    organisationId: integer('organisation_id').references((): AnySQLiteColumn => supervisorOrganisations.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_username_uq').on(t.username), uniqueIndex('users_email_uq').on(t.email)],
);

/** Who changed what, when, with the values before and after; sign-ins too. Append-only. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    actorId: integer('actor_id').references(() => users.id),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    before: text('before', { mode: 'json' }),
    after: text('after', { mode: 'json' }),
    networkHash: text('network_hash'),
    /** The unit the entry concerns: administrators read only the entries of their subtree; null is the whole system. */
    unitId: integer('unit_id').references(() => units.id),
    /**
     * Anonymous failures (sign-in, kiosk pairing) from one network within a
     * window are one row: how many, and when the last one came.
     */
    count: integer('count').notNull().default(1),
    lastAt: integer('last_at', { mode: 'timestamp_ms' }),
    /** The dossier-system integration that made the call (issue 17), when the actor is a key rather than a person. */
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
export const signInAttempts = sqliteTable(
  'sign_in_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    accountKey: text('account_key').notNull(),
    networkHash: text('network_hash'),
    ok: integer('ok', { mode: 'boolean' }).notNull(),
  },
  (t) => [index('sign_in_attempts_account_idx').on(t.accountKey, t.at), index('sign_in_attempts_network_idx').on(t.networkHash, t.at)],
);

/**
 * One row per staff sign-in, named by the session token (its `sid`): the
 * token is valid only while its row is neither ended (sign-out) nor expired,
 * so signing out ends that session on every app server.
 */
export const userSessions = sqliteTable(
  'user_sessions',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    endedAt: integer('ended_at', { mode: 'timestamp_ms' }),
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
export const throttleEvents = sqliteTable(
  'throttle_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('throttle_events_key_idx').on(t.scope, t.key, t.at), index('throttle_events_at_idx').on(t.at)],
);

export type UserRow = typeof users.$inferSelect;

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
export const rollupScores = sqliteTable(
  'rollup_scores',
  {
    unitId: integer('unit_id').notNull(),
    day: text('day').notNull(),
    counterId: integer('counter_id').notNull(),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    questionKey: text('question_key').notNull(),
    /** 1..5 */
    score: integer('score').notNull(),
    excluded: integer('excluded', { mode: 'boolean' }).notNull(),
    n: integer('n').notNull(),
  },
  (t) => [uniqueIndex('rollup_scores_uq').on(t.unitId, t.day, t.counterId, t.channel, t.questionKey, t.score, t.excluded)],
);

/**
 * Responses per day, office, counter, channel and local hour, with how many
 * carried a comment: totals, the hour × weekday heatmap, comment counts.
 */
export const rollupResponses = sqliteTable(
  'rollup_responses',
  {
    unitId: integer('unit_id').notNull(),
    day: text('day').notNull(),
    counterId: integer('counter_id').notNull(),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    /** 0..23, local time. */
    hour: integer('hour').notNull(),
    /** 1 = Monday … 7 = Sunday, local time (a function of `day`, kept for the heatmap). */
    weekday: integer('weekday').notNull(),
    excluded: integer('excluded', { mode: 'boolean' }).notNull(),
    n: integer('n').notNull(),
    commented: integer('commented').notNull(),
  },
  (t) => [uniqueIndex('rollup_responses_uq').on(t.unitId, t.day, t.counterId, t.channel, t.hour, t.weekday, t.excluded)],
);

/** Options chosen in choice questions (reasons for dissatisfaction, trips, extra papers) per day, office and counter. */
export const rollupChoices = sqliteTable(
  'rollup_choices',
  {
    unitId: integer('unit_id').notNull(),
    day: text('day').notNull(),
    counterId: integer('counter_id').notNull(),
    questionKey: text('question_key').notNull(),
    choice: text('choice').notNull(),
    excluded: integer('excluded', { mode: 'boolean' }).notNull(),
    n: integer('n').notNull(),
  },
  (t) => [uniqueIndex('rollup_choices_uq').on(t.unitId, t.day, t.counterId, t.questionKey, t.choice, t.excluded)],
);

/**
 * Flagged (excluded) responses per day, office, counter and abuse flag
 * (lib/abuse.ts): why ratings were left out. A response with two flags
 * counts under each.
 */
export const rollupFlags = sqliteTable(
  'rollup_flags',
  {
    unitId: integer('unit_id').notNull(),
    day: text('day').notNull(),
    counterId: integer('counter_id').notNull(),
    flag: text('flag').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [uniqueIndex('rollup_flags_uq').on(t.unitId, t.day, t.counterId, t.flag)],
);

/** The question, whether the rating was excluded, and the answers at each level 1..5: the shape of the three per-office level rollups. */
const levelColumns = () => ({
  questionKey: text('question_key').notNull(),
  excluded: integer('excluded', { mode: 'boolean' }).notNull(),
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
export const rollupOfficeDays = sqliteTable(
  'rollup_office_days',
  {
    unitId: integer('unit_id').notNull(),
    day: text('day').notNull(),
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
export const rollupOfficeMonths = sqliteTable(
  'rollup_office_months',
  {
    unitId: integer('unit_id').notNull(),
    month: text('month').notNull(),
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
export const rollupOfficeQuarters = sqliteTable(
  'rollup_office_quarters',
  {
    unitId: integer('unit_id').notNull(),
    quarter: text('quarter').notNull(),
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
export const rollupOfficeHalves = sqliteTable(
  'rollup_office_halves',
  {
    unitId: integer('unit_id').notNull(),
    half: text('half').notNull(),
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
export const rollupCounterMonths = sqliteTable(
  'rollup_counter_months',
  {
    unitId: integer('unit_id').notNull(),
    month: text('month').notNull(),
    counterId: integer('counter_id').notNull(),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    ...levelColumns(),
  },
  (t) => [uniqueIndex('rollup_counter_months_uq').on(t.unitId, t.month, t.counterId, t.channel, t.questionKey, t.excluded)],
);

/** Flagged responses per office, local calendar month and flag: rollup_flags by month, for long periods (as above). */
export const rollupFlagMonths = sqliteTable(
  'rollup_flag_months',
  {
    unitId: integer('unit_id').notNull(),
    month: text('month').notNull(),
    flag: text('flag').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [uniqueIndex('rollup_flag_months_uq').on(t.unitId, t.month, t.flag)],
);

/** Responses per office, local calendar month, weekday and hour, with how many carried a comment: rollup_responses by month (the heatmap and comment counts of long periods). */
export const rollupResponseMonths = sqliteTable(
  'rollup_response_months',
  {
    unitId: integer('unit_id').notNull(),
    month: text('month').notNull(),
    /** 1 = Monday … 7 = Sunday, local time. */
    weekday: integer('weekday').notNull(),
    /** 0..23, local time. */
    hour: integer('hour').notNull(),
    excluded: integer('excluded', { mode: 'boolean' }).notNull(),
    n: integer('n').notNull(),
    commented: integer('commented').notNull(),
  },
  (t) => [uniqueIndex('rollup_response_months_uq').on(t.unitId, t.month, t.weekday, t.hour, t.excluded)],
);

/** Options chosen per office, local calendar month and choice question: rollup_choices by month. */
export const rollupChoiceMonths = sqliteTable(
  'rollup_choice_months',
  {
    unitId: integer('unit_id').notNull(),
    month: text('month').notNull(),
    questionKey: text('question_key').notNull(),
    choice: text('choice').notNull(),
    excluded: integer('excluded', { mode: 'boolean' }).notNull(),
    n: integer('n').notNull(),
  },
  (t) => [uniqueIndex('rollup_choice_months_uq').on(t.unitId, t.month, t.questionKey, t.choice, t.excluded)],
);

/**
 * Ratings that are not excluded and have a scale answer of 1–2 (lib/indicators/alerts.ts
 * DISSATISFIED_MAX): the "new low ratings" badge and the alert rule read these
 * instead of joining answers. Kept by the same writers as the rollups.
 */
export const lowRatings = sqliteTable(
  'low_ratings',
  {
    responseId: integer('response_id').primaryKey(),
    unitId: integer('unit_id').notNull(),
    counterId: integer('counter_id').notNull(),
    submittedAt: integer('submitted_at').notNull(),
    minScore: integer('min_score').notNull(),
  },
  (t) => [index('low_ratings_unit_time_idx').on(t.unitId, t.submittedAt)],
);

/**
 * The alert rule of an office: `count` low ratings within `window_minutes`.
 * An office without a row uses the default (3 within 60 minutes).
 */
export const alertRules = sqliteTable('alert_rules', {
  unitId: integer('unit_id')
    .primaryKey()
    .references(() => units.id),
  count: integer('count').notNull(),
  windowMinutes: integer('window_minutes').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  updatedBy: integer('updated_by').references(() => users.id),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

/** A burst of low ratings that met an office's rule; acknowledged with a note by the office. */
export const alerts = sqliteTable(
  'alerts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    /** Times of the first and last low rating of the burst (epoch ms). */
    startAt: integer('start_at', { mode: 'timestamp_ms' }).notNull(),
    endAt: integer('end_at', { mode: 'timestamp_ms' }).notNull(),
    lowCount: integer('low_count').notNull(),
    /** When the rule first held. */
    triggeredAt: integer('triggered_at', { mode: 'timestamp_ms' }).notNull(),
    ruleCount: integer('rule_count').notNull(),
    ruleWindowMinutes: integer('rule_window_minutes').notNull(),
    acknowledgedBy: integer('acknowledged_by').references(() => users.id),
    acknowledgedAt: integer('acknowledged_at', { mode: 'timestamp_ms' }),
    note: text('note'),
  },
  (t) => [index('alerts_unit_time_idx').on(t.unitId, t.endAt)],
);

export const COMMENT_STATUSES = ['new', 'in_progress', 'answered'] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];

/**
 * The office's handling of a citizen's comment (responses.comment): one row
 * per comment once someone acts on it; a comment with no row is 'new'.
 * The reply is public to whoever holds the receipt code (pages/tra-cuu.tsx).
 */
export const commentThreads = sqliteTable(
  'comment_threads',
  {
    responseId: integer('response_id')
      .primaryKey()
      .references(() => responses.id, { onDelete: 'cascade' }),
    status: text('status', { enum: COMMENT_STATUSES }).notNull().default('new'),
    replyText: text('reply_text'),
    repliedBy: integer('replied_by').references(() => users.id),
    repliedAt: integer('replied_at', { mode: 'timestamp_ms' }),
    /** The official the comment praises or criticises, as linked by the office head (audited); null when none. */
    officialId: integer('official_id').references((): AnySQLiteColumn => officials.id),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('comment_threads_status_idx').on(t.status), index('comment_threads_official_idx').on(t.officialId)],
);

/**
 * A low rating the office has looked at (the alerts page's "Đã xem xét"): it no
 * longer waits for follow-up. Kept apart from low_ratings, which the rollup
 * rebuild recomputes from the raw ratings.
 */
export const lowRatingReviews = sqliteTable('low_rating_reviews', {
  responseId: integer('response_id')
    .primaryKey()
    .references(() => responses.id, { onDelete: 'cascade' }),
  reviewedBy: integer('reviewed_by').references(() => users.id),
  reviewedAt: integer('reviewed_at', { mode: 'timestamp_ms' }).notNull(),
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
export const kiosks = sqliteTable(
  'kiosks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    counterId: integer('counter_id').references(() => counters.id),
    name: text('name').notNull(),
    pairingCodeHash: text('pairing_code_hash'),
    pairingExpiresAt: integer('pairing_expires_at', { mode: 'timestamp_ms' }),
    credentialHash: text('credential_hash'),
    pairedAt: integer('paired_at', { mode: 'timestamp_ms' }),
    /** The kiosk's first pairing: no rating can have been tapped on it before (re-pairing keeps it). */
    firstPairedAt: integer('first_paired_at', { mode: 'timestamp_ms' }),
    revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
    /** Seconds without input before the kiosk returns to its start screen. */
    idleSeconds: integer('idle_seconds').notNull().default(30),
    /** As last reported by the tablet. */
    lastSeenAt: integer('last_seen_at', { mode: 'timestamp_ms' }),
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

/**
 * A paired kiosk that went silent during its office's opening hours
 * (lib/kiosk/status.ts looksUnplugged), as the scheduled job
 * `kiosks.unplugged` found it: opened when the job first sees the kiosk
 * silent, ended when the kiosk is heard from again (or is revoked). The
 * office heads are e-mailed once per outage (mail_deliveries key
 * `kiosk-outage:<id>`). At most one open outage per kiosk.
 */
export const kioskOutages = sqliteTable(
  'kiosk_outages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kioskId: integer('kiosk_id')
      .notNull()
      .references(() => kiosks.id, { onDelete: 'cascade' }),
    /** The kiosk's last contact before the silence (or its pairing, if it never called). */
    silentSince: integer('silent_since', { mode: 'timestamp_ms' }).notNull(),
    /** When the job found it. */
    detectedAt: integer('detected_at', { mode: 'timestamp_ms' }).notNull(),
    /** When the job found it back (or revoked); null while it lasts. */
    endedAt: integer('ended_at', { mode: 'timestamp_ms' }),
  },
  (t) => [uniqueIndex('kiosk_outages_open_uq').on(t.kioskId).where(sql`ended_at is null`), index('kiosk_outages_kiosk_idx').on(t.kioskId, t.detectedAt)],
);

// ---------------------------------------------------------------------------
// The model's annual evaluation (issue 6, domain.md §6)

export const EVALUATION_STATUSES = ['not_started', 'self_assessed', 'reviewed', 'finalised'] as const;
export type EvaluationStatus = (typeof EVALUATION_STATUSES)[number];

/**
 * An evaluation period (a year) and its rubric: the criteria tree, maxima,
 * automatic rules and classification bands, as JSON validated by
 * lib/evaluation (the rubric is data, domain.md §6). Editable only while no
 * office of the period is finalised.
 */
export const evaluationPeriods = sqliteTable(
  'evaluation_periods',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
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
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('evaluation_periods_unit_year_uq').on(t.unitId, t.year, t.name)],
);

/** One office's score sheet in a period; a missing row is "not started". */
export const evaluationSheets = sqliteTable(
  'evaluation_sheets',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    periodId: integer('period_id')
      .notNull()
      .references(() => evaluationPeriods.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    status: text('status', { enum: EVALUATION_STATUSES }).notNull().default('not_started'),
    selfAssessedBy: integer('self_assessed_by').references(() => users.id),
    selfAssessedAt: integer('self_assessed_at', { mode: 'timestamp_ms' }),
    reviewedBy: integer('reviewed_by').references(() => users.id),
    reviewedAt: integer('reviewed_at', { mode: 'timestamp_ms' }),
    finalisedBy: integer('finalised_by').references(() => users.id),
    finalisedAt: integer('finalised_at', { mode: 'timestamp_ms' }),
    /** Total and classification frozen at finalisation. */
    finalTotal: integer('final_total_x100'),
    finalClass: text('final_class'),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('evaluation_sheets_period_unit_uq').on(t.periodId, t.unitId)],
);

/**
 * Points per criterion of a sheet: the office's self-assessment and the
 * assessor's review side by side, with evidence (a note and links, JSON
 * list) and, for automatic criteria, the indicator they were computed from.
 * Points are stored ×100 as integers so halves and quarters add up exactly.
 */
export const evaluationScores = sqliteTable(
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
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('evaluation_scores_uq').on(t.sheetId, t.criterionKey)],
);

// ---------------------------------------------------------------------------
// Scheduled jobs, e-mail and erasure requests (issue 13: reminders, PDPL 2025)

/**
 * One row per background job of server/scheduler.ts (retention, e-mails):
 * when it is next due, who holds its lease, and how its last run went. A
 * server runs a job only after taking its lease in one conditional update,
 * so with several app servers on one database a job runs on one at a time.
 */
export const scheduledJobs = sqliteTable('scheduled_jobs', {
  name: text('name').primaryKey(),
  nextRunAt: integer('next_run_at', { mode: 'timestamp_ms' }).notNull(),
  /** Which server process holds the lease, until when; null when free. */
  leaseOwner: text('lease_owner'),
  leaseUntil: integer('lease_until', { mode: 'timestamp_ms' }),
  lastStartedAt: integer('last_started_at', { mode: 'timestamp_ms' }),
  lastFinishedAt: integer('last_finished_at', { mode: 'timestamp_ms' }),
  /** 'ok' or 'error'. */
  lastOutcome: text('last_outcome'),
  /** A one-line summary of the last run (what it did, or why it failed), in Vietnamese. */
  lastMessage: text('last_message'),
  lastDurationMs: integer('last_duration_ms'),
  /** When a run last ended well: a failed run replaces the last outcome but not this (the metrics' "age of the last backup"). */
  lastSuccessAt: integer('last_success_at', { mode: 'timestamp_ms' }),
  /** When the job was first registered: e-mail jobs do not mail what happened before they existed. */
  registeredAt: integer('registered_at', { mode: 'timestamp_ms' }).notNull(),
});

/**
 * Every e-mail sent, one row per message and recipient, keyed by what it is
 * about ('alert:12', 'digest:2026-11-30', 'reminder:3:2026-12-24:7:5'): a job
 * that runs again after a failure skips what was already sent. An empty
 * recipient marks an item that had nobody to mail (no office head with an e-mail).
 */
export const mailDeliveries = sqliteTable(
  'mail_deliveries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind').notNull(),
    key: text('key').notNull(),
    recipient: text('recipient').notNull(),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('mail_deliveries_key_uq').on(t.key, t.recipient), index('mail_deliveries_sent_idx').on(t.sentAt)],
);

/**
 * A citizen's phone number erased on request (domain.md §7, PDPL 2025):
 * asked by the citizen with the receipt code, or recorded by staff for a
 * request received by phone. The number itself is gone; this row says when
 * and how, so the citizen can see by the receipt code that it is done.
 */
export const contactErasures = sqliteTable(
  'contact_erasures',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    responseId: integer('response_id')
      .notNull()
      .references(() => responses.id, { onDelete: 'cascade' }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    /** 'citizen' (the web form, with the receipt code) or 'staff' (a request received by phone or in person). */
    channel: text('channel').notNull(),
    requestedAt: integer('requested_at', { mode: 'timestamp_ms' }).notNull(),
    erasedAt: integer('erased_at', { mode: 'timestamp_ms' }).notNull(),
    recordedBy: integer('recorded_by').references(() => users.id),
    note: text('note'),
  },
  (t) => [uniqueIndex('contact_erasures_response_uq').on(t.responseId), index('contact_erasures_unit_idx').on(t.unitId, t.erasedAt)],
);

// ---------------------------------------------------------------------------
// Officials at the counter, and recognition (issue 14, docs/decisions/023)

/**
 * An official (cán bộ, công chức) who serves citizens at an office's
 * counters: the least personal data that lets a citizen know whom they rate
 * and lets the office credit them. Never deleted once ratings point at them:
 * `active` false hides them from schedules. `userId` links the staff account
 * (role 'official') through which they see their own figures.
 */
export const officials = sqliteTable(
  'officials',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    fullName: text('full_name').notNull(),
    /** Lower-case name without diacritics, for accent-insensitive search. */
    searchName: text('search_name').notNull(),
    /** "chuyên viên", "phó trưởng phòng"…; empty when not given. */
    position: text('position').notNull().default(''),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    userId: integer('user_id').references(() => users.id),
    /** The PIN with which they put themselves on duty at a paired kiosk (a hash, never the PIN). */
    pinHash: text('pin_hash'),
    /** Delegated by the office head: this official's account may set the office's duty schedule. */
    managesDuty: integer('manages_duty', { mode: 'boolean' }).notNull().default(false),
    /** Bumped on each new photo: the photo's URL carries it, so caches never show an old face. 0: no photo. */
    photoVersion: integer('photo_version').notNull().default(0),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('officials_unit_idx').on(t.unitId, t.active), uniqueIndex('officials_user_uq').on(t.userId)],
);

/**
 * An official's photo, re-encoded and resized on upload (no EXIF or other
 * metadata survives), kept in the database so every app server serves the same one.
 */
export const officialPhotos = sqliteTable('official_photos', {
  officialId: integer('official_id')
    .primaryKey()
    .references(() => officials.id, { onDelete: 'cascade' }),
  mime: text('mime').notNull(),
  width: integer('width').notNull(),
  height: integer('height').notNull(),
  bytes: blob('bytes', { mode: 'buffer' }).notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

/**
 * The office's weekly duty schedule: who serves at which counter on which
 * weekday (1 Monday … 7 Sunday, local), from `startMinute` to `endMinute`
 * after local midnight, on the days from `validFrom` to `validTo` ("YYYY-MM-DD",
 * inclusive; null: no end).
 */
export const dutyTemplates = sqliteTable(
  'duty_templates',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
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
    validFrom: text('valid_from').notNull(),
    validTo: text('valid_to'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('duty_templates_counter_idx').on(t.counterId, t.weekday), index('duty_templates_official_idx').on(t.officialId)],
);

/** Where a duty shift came from. */
export const DUTY_SOURCES = ['change', 'kiosk', 'correction'] as const;
export type DutySource = (typeof DUTY_SOURCES)[number];

/**
 * A same-day change, a switch made at a kiosk, or a correction after the
 * fact: from `startAt` to `endAt` (epoch ms) it replaces the weekly schedule
 * at its counter. `officialId` null means nobody serves there then.
 */
export const dutyShifts = sqliteTable(
  'duty_shifts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    counterId: integer('counter_id')
      .notNull()
      .references(() => counters.id),
    officialId: integer('official_id').references(() => officials.id),
    startAt: integer('start_at', { mode: 'timestamp_ms' }).notNull(),
    endAt: integer('end_at', { mode: 'timestamp_ms' }).notNull(),
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

/** Scale answers per official, local day and question (the office levels' shape): an official's figures read these. */
export const rollupOfficialDays = sqliteTable(
  'rollup_official_days',
  {
    officialId: integer('official_id').notNull(),
    day: text('day').notNull(),
    ...levelColumns(),
  },
  (t) => [uniqueIndex('rollup_official_days_uq').on(t.officialId, t.day, t.questionKey, t.excluded)],
);

/** The same per local calendar month: long periods read whole months here and only the edge days above. */
export const rollupOfficialMonths = sqliteTable(
  'rollup_official_months',
  {
    officialId: integer('official_id').notNull(),
    month: text('month').notNull(),
    ...levelColumns(),
  },
  (t) => [uniqueIndex('rollup_official_months_uq').on(t.officialId, t.month, t.questionKey, t.excluded)],
);

export const RECOGNITION_KINDS = ['collective', 'individual'] as const;
export type RecognitionKind = (typeof RECOGNITION_KINDS)[number];

/** A form of recognition (Bằng khen, Giấy khen, a title…) a province proposes: data, never code. */
export const recognitionForms = sqliteTable(
  'recognition_forms',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The province (a root of the tree) whose assessors use it. */
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    name: text('name').notNull(),
    kind: text('kind', { enum: RECOGNITION_KINDS }).notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index('recognition_forms_unit_idx').on(t.unitId)],
);

export const RECOGNITION_ROUND_STATUSES = ['open', 'compiled', 'decided'] as const;
export type RecognitionRoundStatus = (typeof RECOGNITION_ROUND_STATUSES)[number];

/**
 * The recognition that follows an evaluation period once its results are
 * final: its eligibility rules (JSON, lib/recognition), the proposal (tờ
 * trình) compiled by the assessor, and the decision recorded later, after
 * which the round is locked.
 */
export const recognitionRounds = sqliteTable(
  'recognition_rounds',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    periodId: integer('period_id')
      .notNull()
      .references(() => evaluationPeriods.id),
    status: text('status', { enum: RECOGNITION_ROUND_STATUSES }).notNull().default('open'),
    rules: text('rules').notNull(),
    submissionNumber: text('submission_number'),
    submissionDate: text('submission_date'),
    compiledBy: integer('compiled_by').references(() => users.id),
    compiledAt: integer('compiled_at', { mode: 'timestamp_ms' }),
    decisionNumber: text('decision_number'),
    decisionDate: text('decision_date'),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: integer('decided_at', { mode: 'timestamp_ms' }),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('recognition_rounds_period_uq').on(t.periodId)],
);

export const NOMINATION_STATUSES = ['proposed', 'accepted', 'rejected', 'withdrawn'] as const;
export type NominationStatus = (typeof NOMINATION_STATUSES)[number];

/**
 * A proposal to recognise an office (collective) or one of its officials
 * (individual) in a round: reasons, evidence links (JSON list), the advisory
 * figures attached when nominated (JSON), the assessor's review and, once the
 * decision is recorded, the form awarded.
 */
export const nominations = sqliteTable(
  'nominations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
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
    nominatedAt: integer('nominated_at', { mode: 'timestamp_ms' }).notNull(),
    reviewedBy: integer('reviewed_by').references(() => users.id),
    reviewedAt: integer('reviewed_at', { mode: 'timestamp_ms' }),
    awardedFormId: integer('awarded_form_id').references(() => recognitionForms.id),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
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
export const integrations = sqliteTable(
  'integrations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    keyPrefix: text('key_prefix').notNull(),
    keyHash: text('key_hash').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
    revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
    revokedBy: integer('revoked_by').references(() => users.id),
    lastUsedAt: integer('last_used_at', { mode: 'timestamp_ms' }),
    /** The key's rate limit (server/integrations.ts admitApiCall): when its allowance is used up, in epoch ms; null before its first call. */
    apiAllowanceAt: integer('api_allowance_at'),
  },
  (t) => [uniqueIndex('integrations_key_prefix_uq').on(t.keyPrefix), index('integrations_unit_idx').on(t.unitId)],
);

export const DOSSIER_SOURCES = ['api', 'csv'] as const;
export type DossierSource = (typeof DOSSIER_SOURCES)[number];

/**
 * A dossier (hồ sơ) received at an office's one-stop desk, registered by its
 * dossier system (`integration_id`) or a head's CSV (`created_by`), with the
 * token of its rating link. Its rating is the response whose `dossier_id` is
 * this row. Codes are unique across the platform (they carry the agency's code).
 */
export const dossiers = sqliteTable(
  'dossiers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    counterId: integer('counter_id').references(() => counters.id),
    procedure: text('procedure').notNull().default(''),
    receivedAt: integer('received_at', { mode: 'timestamp_ms' }).notNull(),
    dueAt: integer('due_at', { mode: 'timestamp_ms' }),
    returnedAt: integer('returned_at', { mode: 'timestamp_ms' }),
    /** The rating link's token (/h/<token>): random and signed (lib/dossier-token.ts). */
    token: text('token').notNull(),
    source: text('source', { enum: DOSSIER_SOURCES }).notNull(),
    integrationId: integer('integration_id').references(() => integrations.id),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
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

export const ORGANISATION_KINDS = ['front', 'mass_mobilisation', 'inspectorate', 'council', 'other'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/**
 * The organisations supervisors belong to (Ủy ban MTTQ, Ban Tuyên giáo và
 * Dân vận, Thanh tra tỉnh, HĐND…), a list administrators keep. `kind`
 * 'inspectorate' is what lets its supervisors close integrity reports.
 */
export const supervisorOrganisations = sqliteTable(
  'supervisor_organisations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    kind: text('kind', { enum: ORGANISATION_KINDS }).notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('supervisor_organisations_name_uq').on(t.name)],
);

export const PUBLICATION_KINDS = ['quarter', 'year'] as const;
export type PublicationKind = (typeof PUBLICATION_KINDS)[number];

/**
 * What the assessor published for the public page: a quarter's or a year's
 * satisfaction figures (a year's with the evaluation's classification),
 * frozen at publication in `published_figures`, so the public page, its open
 * data and the press's stable URLs show exactly that and never a live figure.
 * `period_key`: '2026-Q3' or '2026'. Withdrawn rows are kept (audit).
 */
export const publications = sqliteTable(
  'publications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The province (unit) whose offices it covers. */
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    kind: text('kind', { enum: PUBLICATION_KINDS }).notNull(),
    periodKey: text('period_key').notNull(),
    /** The evaluation period whose finalised classification a year's publication carries. */
    evaluationPeriodId: integer('evaluation_period_id').references(() => evaluationPeriods.id),
    publishedBy: integer('published_by').references(() => users.id),
    publishedAt: integer('published_at', { mode: 'timestamp_ms' }).notNull(),
    withdrawnAt: integer('withdrawn_at', { mode: 'timestamp_ms' }),
  },
  (t) => [uniqueIndex('publications_period_uq').on(t.unitId, t.kind, t.periodKey).where(sql`withdrawn_at is null`)],
);

/** One office's (or the province's own, `unit_id` = the publication's) frozen figures in a publication. */
export const publishedFigures = sqliteTable(
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
export const goodExamples = sqliteTable(
  'good_examples',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** As shown: "Quý III/2026", "Năm 2026". */
    periodLabel: text('period_label').notNull(),
    photoMime: text('photo_mime'),
    photo: blob('photo', { mode: 'buffer' }),
    published: integer('published', { mode: 'boolean' }).notNull().default(false),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('good_examples_unit_idx').on(t.unitId)],
);

/** A supervisor's visit (or desk review) of an office in an evaluation period, with its findings. */
export const supervisionVisits = sqliteTable(
  'supervision_visits',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
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

export const RECOMMENDATION_STATUSES = ['open', 'answered', 'done'] as const;
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];

/** A recommendation (kiến nghị) of a visit; the office head answers it and marks it done. */
export const recommendations = sqliteTable(
  'recommendations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
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
    answeredAt: integer('answered_at', { mode: 'timestamp_ms' }),
    doneBy: integer('done_by').references(() => users.id),
    doneAt: integer('done_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('recommendations_unit_idx').on(t.unitId, t.periodId, t.status), index('recommendations_visit_idx').on(t.visitId)],
);

export const INTEGRITY_FINDINGS = ['upheld', 'not_upheld'] as const;
export type IntegrityFinding = (typeof INTEGRITY_FINDINGS)[number];

/**
 * Raised by a rating whose answer a question set marks as an integrity signal
 * (harassment, money or papers beyond the rules), in the rating's
 * transaction; closed only by an inspectorate supervisor with a finding.
 */
export const integrityReports = sqliteTable(
  'integrity_reports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    responseId: integer('response_id')
      .notNull()
      .references(() => responses.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    counterId: integer('counter_id'),
    /** The rating's submitted_at: reports are counted per office and period by it. */
    submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }).notNull(),
    /** The marked answers, "q9=yes" comma-separated. */
    signals: text('signals').notNull(),
    finding: text('finding', { enum: INTEGRITY_FINDINGS }),
    note: text('note'),
    closedBy: integer('closed_by').references(() => users.id),
    closedAt: integer('closed_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('integrity_reports_response_uq').on(t.responseId), index('integrity_reports_unit_idx').on(t.unitId, t.submittedAt)],
);
