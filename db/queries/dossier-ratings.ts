import type { SubmittedAnswer } from '@/lib/validation/survey-response';
import { withConn } from '../store';
import { activeVersionIdSql } from './question-sets';

/**
 * The citizen's side of a dossier's rating link (/h/<token>,
 * docs/decisions/027): the dossier found by its token, its rating, and the
 * rating's change within the change window. Registering dossiers (API, CSV)
 * lives elsewhere; `createDossierForTest` only serves tests until then.
 */

export type DossierRating = {
  id: number;
  /** When it was first given (epoch ms); a change keeps it: the rating stays in its period. */
  submittedAt: number;
  questionSetVersionId: number;
  lang: string;
  comment: string | null;
  receiptCode: string | null;
  procedureFieldId: number | null;
  excluded: boolean;
  flags: string[];
  officialId: number | null;
  answers: SubmittedAnswer[];
};

export type DossierForRating = {
  id: number;
  code: string;
  procedure: string;
  receivedAt: number;
  dueAt: number | null;
  returnedAt: number | null;
  /** The office: its survey code (the ordinary survey, /s/<code>), name and path. */
  unit: { id: number; code: string | null; name: string; path: string; active: boolean; parentName: string | null; questionSetId: number | null };
  counter: { id: number; code: string | null; name: string; active: boolean } | null;
  /** The version the office's survey shows now (question-sets.ts activeVersionIdSql). */
  activeVersionId: number | null;
  rating: DossierRating | null;
};

type Row = {
  id: number;
  code: string;
  procedure: string;
  receivedAt: number;
  dueAt: number | null;
  returnedAt: number | null;
  unitId: number;
  unitCode: string | null;
  unitName: string;
  unitPath: string;
  unitActive: number | boolean;
  parentName: string | null;
  questionSetId: number | null;
  counterId: number | null;
  counterCode: string | null;
  counterName: string | null;
  counterActive: number | boolean | null;
  responseId: number | null;
  submittedAt: number | null;
  versionId: number | null;
  lang: string | null;
  comment: string | null;
  receiptCode: string | null;
  procedureFieldId: number | null;
  excluded: number | boolean | null;
  flags: string | null;
  officialId: number | null;
};

const DOSSIER_SQL = `
  select d.id, d.code, d.procedure, d.received_at as "receivedAt", d.due_at as "dueAt", d.returned_at as "returnedAt",
         u.id as "unitId", u.code as "unitCode", u.name as "unitName", u.path as "unitPath", u.active as "unitActive",
         p.name as "parentName", u.question_set_id as "questionSetId",
         c.id as "counterId", c.code as "counterCode", c.name as "counterName", c.active as "counterActive",
         r.id as "responseId", r.submitted_at as "submittedAt", r.question_set_version_id as "versionId", r.lang, r.comment,
         r.receipt_code as "receiptCode", r.procedure_field_id as "procedureFieldId", r.excluded, r.flags, r.official_id as "officialId"
  from dossiers d
  join units u on u.id = d.unit_id
  left join units p on p.id = u.parent_id
  left join counters c on c.id = d.counter_id
  left join responses r on r.dossier_id = d.id
  where d.token = ?`;

/**
 * The dossier whose link carries `token`, with its office, counter and rating
 * (answers included), or null. Call it with a token that passed
 * lib/dossier-token.ts isGenuineDossierToken: a hand-edited one never reaches here.
 */
export async function getDossierByToken({ token }: { token: string }): Promise<DossierForRating | null> {
  return withConn(async (c) => {
    const row = await c.get<Row>(DOSSIER_SQL, [token]);
    if (!row) return null;
    const activeVersionId = await c.value<number>(`select ${activeVersionIdSql('?')} as id`, [row.unitPath]);
    const rating: DossierRating | null =
      row.responseId === null
        ? null
        : {
            id: Number(row.responseId),
            submittedAt: Number(row.submittedAt),
            questionSetVersionId: Number(row.versionId),
            lang: row.lang ?? 'vi',
            comment: row.comment,
            receiptCode: row.receiptCode,
            procedureFieldId: row.procedureFieldId === null ? null : Number(row.procedureFieldId),
            excluded: Boolean(row.excluded),
            flags: row.flags ? row.flags.split(',') : [],
            officialId: row.officialId === null ? null : Number(row.officialId),
            answers: await readAnswers(Number(row.responseId)),
          };
    return {
      id: Number(row.id),
      code: row.code,
      procedure: row.procedure,
      receivedAt: Number(row.receivedAt),
      dueAt: row.dueAt === null ? null : Number(row.dueAt),
      returnedAt: row.returnedAt === null ? null : Number(row.returnedAt),
      unit: {
        id: Number(row.unitId),
        code: row.unitCode,
        name: row.unitName,
        path: row.unitPath,
        active: Boolean(row.unitActive),
        parentName: row.parentName,
        questionSetId: row.questionSetId === null ? null : Number(row.questionSetId),
      },
      counter:
        row.counterId === null ? null : { id: Number(row.counterId), code: row.counterCode, name: row.counterName!, active: Boolean(row.counterActive) },
      activeVersionId: activeVersionId == null ? null : Number(activeVersionId),
      rating,
    };
  });
}

async function readAnswers(responseId: number): Promise<SubmittedAnswer[]> {
  return withConn((c) =>
    c.all<SubmittedAnswer>('select question_key as "questionKey", score, choice from answers where response_id = ? order by id', [responseId]),
  );
}

/** The rating of a dossier read again inside the change's transaction, after its lock: what the change takes away. */
export async function getDossierRatingForChange({ dossierId }: { dossierId: number }): Promise<(DossierRating & { unitId: number; counterId: number | null; channel: string }) | null> {
  return withConn(async (c) => {
    const r = await c.get<{
      id: number;
      unitId: number;
      counterId: number | null;
      channel: string;
      submittedAt: number;
      versionId: number;
      lang: string;
      comment: string | null;
      receiptCode: string | null;
      procedureFieldId: number | null;
      excluded: number | boolean;
      flags: string | null;
      officialId: number | null;
    }>(
      `select id, unit_id as "unitId", counter_id as "counterId", channel, submitted_at as "submittedAt", question_set_version_id as "versionId",
              lang, comment, receipt_code as "receiptCode", procedure_field_id as "procedureFieldId", excluded, flags, official_id as "officialId"
       from responses where dossier_id = ?`,
      [dossierId],
    );
    if (!r) return null;
    return {
      id: Number(r.id),
      unitId: Number(r.unitId),
      counterId: r.counterId === null ? null : Number(r.counterId),
      channel: r.channel,
      submittedAt: Number(r.submittedAt),
      questionSetVersionId: Number(r.versionId),
      lang: r.lang,
      comment: r.comment,
      receiptCode: r.receiptCode,
      procedureFieldId: r.procedureFieldId === null ? null : Number(r.procedureFieldId),
      excluded: Boolean(r.excluded),
      flags: r.flags ? r.flags.split(',') : [],
      officialId: r.officialId === null ? null : Number(r.officialId),
      answers: await readAnswers(Number(r.id)),
    };
  });
}

/**
 * Replaces a rating's answers, comment, procedure field, language and
 * question-set version (its time, office, counter, official and flags stay),
 * and its row in low_ratings (`lowScore`: its lowest score at 1–2 when it
 * counts, else null). The rollups are moved by the caller in the same
 * transaction (server/dossier-ratings.ts).
 */
export async function replaceRatingAnswers(input: {
  responseId: number;
  unitId: number;
  counterId: number | null;
  submittedAt: number;
  questionSetVersionId: number;
  lang: string;
  comment: string | null;
  receiptCode: string | null;
  procedureFieldId: number | null;
  answers: readonly SubmittedAnswer[];
  lowScore: number | null;
}): Promise<void> {
  await withConn(async (c) => {
    await c.run(
      `update responses set question_set_version_id = ?, lang = ?, comment = ?, receipt_code = ?, procedure_field_id = ? where id = ?`,
      [input.questionSetVersionId, input.lang, input.comment, input.receiptCode, input.procedureFieldId, input.responseId],
    );
    await c.run('delete from answers where response_id = ?', [input.responseId]);
    if (input.answers.length) {
      const values: unknown[] = [];
      for (const a of input.answers) values.push(input.responseId, a.questionKey, a.score, a.choice);
      await c.run(`insert into answers (response_id, question_key, score, choice) values ${input.answers.map(() => '(?, ?, ?, ?)').join(', ')}`, values);
    }
    await c.run('delete from low_ratings where response_id = ?', [input.responseId]);
    if (input.lowScore !== null) {
      await c.run('insert into low_ratings (response_id, unit_id, counter_id, submitted_at, min_score) values (?, ?, ?, ?, ?)', [
        input.responseId,
        input.unitId,
        input.counterId ?? 0,
        input.submittedAt,
        input.lowScore,
      ]);
    }
  });
}

/** Keeps a phone number left (with consent) with a rating's change, replacing the one kept before. */
export async function setRatingContact(input: { responseId: number; phone: string; consentVersion: string; consentedAt: number; purgeAfter: number }): Promise<void> {
  await withConn((c) =>
    c.run(
      `insert into contacts (response_id, phone, consent_version, consented_at, purge_after) values (?, ?, ?, ?, ?)
       on conflict (response_id) do update set phone = excluded.phone, consent_version = excluded.consent_version,
         consented_at = excluded.consented_at, purge_after = excluded.purge_after`,
      [input.responseId, input.phone, input.consentVersion, input.consentedAt, input.purgeAfter],
    ),
  );
}

/**
 * A dossier row for tests (unit, e2e fixtures and benchmarks), as the
 * registration side will store it. Returns its id.
 */
export async function createDossierForTest(input: {
  code: string;
  unitId: number;
  counterId?: number | null;
  procedure?: string;
  receivedAt: number;
  dueAt?: number | null;
  returnedAt?: number | null;
  token: string;
}): Promise<number> {
  return withConn(async (c) => {
    const [row] = await c.all<{ id: number }>(
      `insert into dossiers (code, unit_id, counter_id, procedure, received_at, due_at, returned_at, token, source, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, 'csv', ?, ?) returning id`,
      [
        input.code,
        input.unitId,
        input.counterId ?? null,
        input.procedure ?? '',
        input.receivedAt,
        input.dueAt ?? null,
        input.returnedAt ?? null,
        input.token,
        input.receivedAt,
        input.receivedAt,
      ],
    );
    return Number(row!.id);
  });
}
