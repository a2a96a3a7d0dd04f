import type { AbuseCounts, AbuseFlag } from '@/lib/abuse';
import type { SubmittedAnswer } from '@/lib/validation/survey-response';
import type { Channel } from '../schema';
import { withConn } from '../store';
import { onDutySql, onDutyTimeParams } from './duty';
import { SURVEY_TARGET_AND_VERSION_SQL, toSurveyTarget, type SurveyTarget, type SurveyTargetAndVersionRow } from './units';


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
  /** The official on duty at the rating's counter (docs/decisions/023); null or absent: nobody. */
  officialId?: number | null;
  /** The dossier the rating is tied to (channel 'dossier', docs/decisions/027); one rating per dossier. */
  dossierId?: number | null;
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
// The stored rating under the submission id comes back from the same statement: one round trip.
const factsCtes = (unit: string, counter: string) => `
  device as (
    select count(*) as total,
           coalesce(sum(case when (case when ${counter} is null then unit_id = ${unit} else counter_id = ${counter} end) then 1 else 0 end), 0) as same
    from responses where device_hash = @deviceHash and received_at > @deviceSince),
  network as (
    select count(*) as total, coalesce(sum(case when unit_id = ${unit} then 1 else 0 end), 0) as same
    from responses where network_hash = @networkHash and received_at > @networkSince)`;
const FACTS_COLUMNS = `stored.id as "storedId", stored.unit_id as "storedUnitId", stored.receipt_code as "storedReceiptCode", stored.flags as "storedFlags",
  device.total as "deviceTotal", device.same as "deviceSame", network.total as "networkTotal", network.same as "networkSame"`;
const FACTS_FROM = 'device cross join network left join responses stored on stored.client_id = @clientId';

const SUBMISSION_FACTS_SQL = `with ${factsCtes('@unitId', 'cast(@counterId as integer)')} select ${FACTS_COLUMNS} from ${FACTS_FROM}`;

// The survey's post (server/survey.ts): the code's target, its question-set version and the official
// on duty at its counter, with the facts above, in one statement — one round trip fewer on every rating.
// No row: the code is unknown or disabled.
const TARGET_AND_FACTS_SQL = `
  with target as (${SURVEY_TARGET_AND_VERSION_SQL}),
  ${factsCtes('(select "unitId" from target)', '(select "counterId" from target)')}
  select target.*, (${onDutySql('(select "counterId" from target)')}) as "officialId", ${FACTS_COLUMNS}
  from target cross join ${FACTS_FROM}`;

type SubmissionFactsRow = {
  storedId: number | null;
  storedUnitId: number | null;
  storedReceiptCode: string | null;
  storedFlags: string | null;
  deviceTotal: number;
  deviceSame: number;
  networkTotal: number;
  networkSame: number;
};

export type SubmissionFacts = { stored: StoredResponse | null; counts: AbuseCounts };

type FactsQuery = { clientId: string; deviceHash: string | null; networkHash: string | null; deviceSince: number; networkSince: number };

function toSubmissionFacts(input: FactsQuery, row: SubmissionFactsRow): SubmissionFacts {
  const stored =
    row.storedId === null
      ? null
      : { id: Number(row.storedId), unitId: Number(row.storedUnitId), receiptCode: row.storedReceiptCode, flags: row.storedFlags ? row.storedFlags.split(',') : [] };
  // Kiosks carry no device or network signal (many share one office network): nothing counted.
  return {
    stored,
    counts: {
      device: input.deviceHash ? { total: Number(row.deviceTotal), sameTarget: Number(row.deviceSame) } : null,
      network: input.networkHash ? { total: Number(row.networkTotal), sameTarget: Number(row.networkSame) } : null,
    },
  };
}

/**
 * What storeRating needs before it stores: the rating already stored under
 * this submission id, if any, and the ratings from this device and this
 * network within the rules' windows before `receivedAt` (lib/abuse.ts
 * decides what they mean). Call it in the transaction that then stores the
 * rating, after locking the device and the network.
 */
export async function readSubmissionFacts(input: FactsQuery & { unitId: number; counterId: number | null }): Promise<SubmissionFacts> {
  const row = (await withConn((c) => c.get<SubmissionFactsRow>(SUBMISSION_FACTS_SQL, input)))!;
  return toSubmissionFacts(input, row);
}

/**
 * The survey's post: the target of a QR code (getSurveyTargetAndVersionId),
 * the official on duty at its counter at `at` (officialOnDuty) and
 * readSubmissionFacts for it, in one statement; null for an unknown or
 * disabled code. Call it where readSubmissionFacts is called.
 */
export async function readSurveyTargetAndFacts(
  input: FactsQuery & { code: string; at: number },
): Promise<{ target: SurveyTarget; versionId: number | null; officialId: number | null; facts: SubmissionFacts } | null> {
  const { at, ...rest } = input;
  const row = await withConn((c) =>
    c.get<SurveyTargetAndVersionRow & SubmissionFactsRow & { officialId: number | null }>(TARGET_AND_FACTS_SQL, { ...rest, ...onDutyTimeParams(at) }),
  );
  if (!row) return null;
  return {
    target: toSurveyTarget(input.code, row),
    versionId: row.versionId == null ? null : Number(row.versionId),
    officialId: row.officialId == null ? null : Number(row.officialId),
    facts: toSubmissionFacts(input, row),
  };
}

const INSERT_RESPONSE_SQL = `
  insert into responses (client_id, unit_id, counter_id, question_set_version_id, channel, submitted_at, received_at, lang,
    procedure_field_id, comment, receipt_code, device_hash, network_hash, flags, excluded, kiosk_id, official_id, dossier_id)
  values (@clientId, @unitId, @counterId, @questionSetVersionId, @channel, @submittedAt, @receivedAt, @lang,
    @procedureFieldId, @comment, @receiptCode, @deviceHash, @networkHash, @flags, @excluded, @kioskId, @officialId, @dossierId)
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
  officialId: number | null;
  dossierId: number | null;
};

export type ContactRowInput = { phone: string; consentVersion: string; consentedAt: number; purgeAfter: number };

/**
 * Inserts the rating with its answers, its consented contact and, for a low
 * rating (`lowScore`: its lowest score, lib/indicators/alerts.ts), its row in low_ratings, unless its
 * submission id is stored already (the unique index on client_id: a second
 * server inserting the same id at the same moment waits for the first and
 * then inserts nothing). Returns the new id, or null when the id was taken.
 * A receipt code that is taken throws a unique violation: call it in a
 * savepoint and retry with another code (storeRating).
 *
 * `atCommit`: the rating is the transaction's last statement (Conn.allAtCommit:
 * on PostgreSQL it travels with COMMIT and what the transaction still owes,
 * one round trip fewer), and a submission id already stored is a unique
 * violation (isClientIdTaken) rather than nothing inserted, so that the rest
 * of the transaction (the rollups) does not commit either.
 */
export async function insertRating(
  row: ResponseRowInput,
  answerRows: readonly SubmittedAnswer[],
  contact: ContactRowInput | null,
  lowScore: number | null,
  { atCommit = false }: { atCommit?: boolean } = {},
): Promise<number | null> {
  return withConn(async (c) => {
    if (c.kind === 'pg') {
      // One statement (data-modifying CTEs): the other rows follow the response only if it was inserted.
      const params: Record<string, unknown> = { ...row, ...contact, lowScore, lowCounterId: row.counterId ?? 0 };
      answerRows.forEach((a, i) => Object.assign(params, { [`k${i}`]: a.questionKey, [`s${i}`]: a.score, [`c${i}`]: a.choice }));
      const text = insertRatingPgSql(answerRows.length, contact !== null, lowScore !== null, atCommit);
      const id = atCommit ? (await c.allAtCommit<{ id: number }>(text, params))[0]?.id : await c.value<number>(text, params);
      return id === undefined ? null : Number(id);
    }
    const found = await c.value<number>(atCommit ? INSERT_RESPONSE_STRICT_SQL : INSERT_RESPONSE_SQL, row);
    if (found === undefined) return null;
    const id = Number(found);
    if (answerRows.length) {
      // One statement for all the answers (the text per count is prepared once).
      const values: unknown[] = [];
      for (const a of answerRows) values.push(id, a.questionKey, a.score, a.choice);
      await c.run(insertAnswersSql(answerRows.length), values);
    }
    if (contact) await c.run(INSERT_CONTACT_SQL, [id, contact.phone, contact.consentVersion, contact.consentedAt, contact.purgeAfter]);
    if (lowScore !== null) await c.run(INSERT_LOW_RATING_SQL, [id, row.unitId, row.counterId ?? 0, row.submittedAt, lowScore]);
    return id;
  });
}

/** The insert of insertRating's `atCommit`: a submission id already stored is an error. */
const INSERT_RESPONSE_STRICT_SQL = INSERT_RESPONSE_SQL.replace('on conflict (client_id) do nothing', '');

/** A unique violation on the submission id (insertRating with `atCommit`): another request stored it first. */
export function isClientIdTaken(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string; message?: string } | null;
  if (!e) return false;
  if (e.code === '23505') return e.constraint === 'responses_client_id_uq';
  return typeof e.code === 'string' && e.code.startsWith('SQLITE_CONSTRAINT') && /responses\.client_id/.test(e.message ?? '');
}

const INSERT_CONTACT_SQL = 'insert into contacts (response_id, phone, consent_version, consented_at, purge_after) values (?, ?, ?, ?, ?)';
const INSERT_LOW_RATING_SQL = 'insert into low_ratings (response_id, unit_id, counter_id, submitted_at, min_score) values (?, ?, ?, ?, ?)';

const ratingPgSql = new Map<string, string>();
function insertRatingPgSql(answers: number, contact: boolean, low: boolean, strict: boolean): string {
  const key = `${answers}:${contact}:${low}:${strict}`;
  let text = ratingPgSql.get(key);
  if (!text) {
    const parts = [`inserted as (${strict ? INSERT_RESPONSE_STRICT_SQL : INSERT_RESPONSE_SQL})`];
    if (answers) {
      // A VALUES list in FROM has no column types to infer its parameters' from: cast them.
      const rows = Array.from({ length: answers }, (_, i) => `(@k${i}::text, @s${i}::integer, @c${i}::text)`).join(', ');
      parts.push(
        `answered as (insert into answers (response_id, question_key, score, choice) select inserted.id, v.k, v.s, v.c from inserted cross join (values ${rows}) as v(k, s, c))`,
      );
    }
    if (contact) {
      parts.push(
        'contacted as (insert into contacts (response_id, phone, consent_version, consented_at, purge_after) select inserted.id, @phone, @consentVersion, @consentedAt, @purgeAfter from inserted)',
      );
    }
    if (low) {
      parts.push(
        'low as (insert into low_ratings (response_id, unit_id, counter_id, submitted_at, min_score) select inserted.id, @unitId, @lowCounterId, @submittedAt, @lowScore from inserted)',
      );
    }
    text = `with ${parts.join(', ')} select id from inserted`;
    ratingPgSql.set(key, text);
  }
  return text;
}

/** Whether an error is the unique index of one rating per dossier refusing a second (either engine): a race between two posts of one link. */
export function isDossierRatedAlready(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string; message?: string } | null;
  if (!e) return false;
  if (e.code === '23505') return e.constraint === 'responses_dossier_uq';
  return typeof e.code === 'string' && e.code.startsWith('SQLITE_CONSTRAINT') && /responses\.dossier_id/.test(e.message ?? '');
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
