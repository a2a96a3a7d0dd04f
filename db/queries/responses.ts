import type { Database } from 'better-sqlite3';
import { decideAbuse, type AbuseCounts, type AbuseFlag, type AbuseRules } from '@/lib/abuse';
import { RECEIPT_CODE_LENGTH } from '@/lib/codes';
import { DISSATISFIED_MAX } from '@/lib/indicators/alerts';
import type { SubmittedAnswer } from '@/lib/validation/survey-response';
import type { Db } from '../client';
import { newCode } from '../ids';
import type { Channel } from '../schema';
import { prepareAlertRaiser } from './alerts';
import { prepareRollupIncrements } from './rollups';
import { perConnection } from './survey-cache';

export type NewResponse = {
  clientId: string;
  unitId: number;
  counterId: number | null;
  questionSetVersionId: number;
  channel: Channel;
  submittedAt: Date;
  receivedAt: Date;
  lang: string;
  procedureFieldId: number | null;
  comment: string | null;
  answers: SubmittedAnswer[];
  contact: { phone: string; consentVersion: string; purgeAfter: Date } | null;
  deviceHash: string | null;
  networkHash: string | null;
  kioskId?: number | null;
  /**
   * Flags decided by the caller's own rules (the kiosk burst rule, lib/kiosk/burst.ts),
   * added to those of the abuse rules; any flag excludes the rating.
   */
  extraFlags?: readonly AbuseFlag[];
};

export type CreateResponseResult =
  | { status: 'created' | 'duplicate'; responseId: number; receiptCode: string | null; flags: string[] }
  /** `used_elsewhere`: the clientId is already stored for another office, a reused or made-up form; nothing stored or revealed. */
  | { status: 'rejected'; reason: 'device_limit' | 'network_limit' | 'used_elsewhere' };

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
