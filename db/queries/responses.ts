import type { AbuseCounts, AbuseFlag } from '@/lib/abuse';
import type { SubmittedAnswer } from '@/lib/validation/survey-response';
import type { Channel } from '../schema';
import { withConn } from '../store';


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

/**
 * The statements of the submit path (server/ratings.ts storeRating), raw SQL
 * so that each is prepared once per connection on both engines. Times are
 * epoch ms and booleans 0/1 or true/false, as in db/schema.ts. They run on
 * the caller's connection: inside storeRating's transaction.
 */

export type StoredResponse = { id: number; unitId: number; receiptCode: string | null; flags: string[] };

/** The rating stored under a submission id, if any. */
export async function getResponseByClientId(clientId: string): Promise<StoredResponse | null> {
  return withConn(async (c) => {
    const row = await c.get<{ id: number; unitId: number; receiptCode: string | null; flags: string | null }>(
      'select id, unit_id as "unitId", receipt_code as "receiptCode", flags from responses where client_id = ?',
      [clientId],
    );
    return row ? { id: Number(row.id), unitId: row.unitId, receiptCode: row.receiptCode, flags: row.flags ? row.flags.split(',') : [] } : null;
  });
}

// For the device, "the same target" is the counter for a counter's QR code, else the office
// (which includes its counters: the office's own QR after a counter is the same office again).
// For the network it is always the whole office, all its counters included: a burst split
// across an office's counter codes is still one burst on that office (docs/abuse-rules.md).
const SIGNAL_COUNTS_SQL = `
  select 'device' as signal, count(*) as total,
         coalesce(sum(case when (case when cast(@counterId as integer) is null then unit_id = @unitId else counter_id = @counterId end) then 1 else 0 end), 0) as "sameTarget"
  from responses where device_hash = @deviceHash and received_at > @deviceSince
  union all
  select 'network', count(*), coalesce(sum(case when unit_id = @unitId then 1 else 0 end), 0)
  from responses where network_hash = @networkHash and received_at > @networkSince`;

type SignalCountRow = { signal: 'device' | 'network'; total: number; sameTarget: number };

/**
 * Ratings from this device and this network within the rules' windows
 * before `receivedAt` (lib/abuse.ts decides what they mean). Call it in the
 * transaction that then stores the rating, after locking the device and the
 * network (storeRating).
 */
export async function countAbuseSignals(input: {
  unitId: number;
  counterId: number | null;
  deviceHash: string | null;
  networkHash: string | null;
  deviceSince: number;
  networkSince: number;
}): Promise<AbuseCounts> {
  // Kiosks carry no device or network signal (many share one office network): nothing to count.
  if (!input.deviceHash && !input.networkHash) return { device: null, network: null };
  const rows = await withConn((c) => c.all<SignalCountRow>(SIGNAL_COUNTS_SQL, input));
  const counts = (signal: SignalCountRow['signal']) => {
    const row = rows.find((r) => r.signal === signal)!;
    return { total: Number(row.total), sameTarget: Number(row.sameTarget) };
  };
  return { device: input.deviceHash ? counts('device') : null, network: input.networkHash ? counts('network') : null };
}

const INSERT_RESPONSE_SQL = `
  insert into responses (client_id, unit_id, counter_id, question_set_version_id, channel, submitted_at, received_at, lang,
    procedure_field_id, comment, receipt_code, device_hash, network_hash, flags, excluded, kiosk_id)
  values (@clientId, @unitId, @counterId, @questionSetVersionId, @channel, @submittedAt, @receivedAt, @lang,
    @procedureFieldId, @comment, @receiptCode, @deviceHash, @networkHash, @flags, @excluded, @kioskId)
  on conflict (client_id) do nothing
  returning id`;

export type ResponseRowInput = {
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
  excluded: boolean;
  kioskId: number | null;
};

/**
 * Inserts the rating unless its submission id is stored already (the unique
 * index on client_id: a second server inserting the same id at the same
 * moment waits for the first and then inserts nothing). Returns the new id,
 * or null when the id was taken. A receipt code that is taken throws a
 * unique violation: call it in a savepoint and retry with another code
 * (storeRating).
 */
export async function insertResponse(row: ResponseRowInput): Promise<number | null> {
  return withConn(async (c) => {
    const id = await c.value<number>(INSERT_RESPONSE_SQL, row);
    return id === undefined ? null : Number(id);
  });
}

/** Whether an error is the unique index on receipt codes refusing a code (either engine). */
export function isReceiptCodeTaken(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string; message?: string } | null;
  if (!e) return false;
  if (e.code === '23505') return e.constraint === 'responses_receipt_uq';
  return typeof e.code === 'string' && e.code.startsWith('SQLITE_CONSTRAINT') && /responses\.receipt_code/.test(e.message ?? '');
}

const answersSql: string[] = [];
const insertAnswersSql = (n: number) =>
  (answersSql[n] ??= `insert into answers (response_id, question_key, score, choice) values ${Array.from({ length: n }, () => '(?, ?, ?, ?)').join(', ')}`);

/** The answers and the consented contact of a rating just inserted. */
export async function insertAnswersAndContact(
  responseId: number,
  answerRows: readonly SubmittedAnswer[],
  contact: { phone: string; consentVersion: string; consentedAt: number; purgeAfter: number } | null,
): Promise<void> {
  await withConn(async (c) => {
    if (answerRows.length) {
      // One statement for all the answers (the text per count is prepared once).
      const values: unknown[] = [];
      for (const a of answerRows) values.push(responseId, a.questionKey, a.score, a.choice);
      await c.run(insertAnswersSql(answerRows.length), values);
    }
    if (contact) {
      await c.run('insert into contacts (response_id, phone, consent_version, consented_at, purge_after) values (?, ?, ?, ?, ?)', [
        responseId,
        contact.phone,
        contact.consentVersion,
        contact.consentedAt,
        contact.purgeAfter,
      ]);
    }
  });
}
