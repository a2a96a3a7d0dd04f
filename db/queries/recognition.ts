import { and, asc, eq, gte, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Viewer } from '@/lib/auth/roles';
import { DEFAULT_RULES, parseRules, type EligibilityRules, type OfficialFigures } from '@/lib/recognition/rules';
import { evaluationSheets, nominations, officials, recognitionForms, recognitionRounds, rollupOfficialMonths, units, type NominationStatus, type RecognitionKind, type RecognitionRoundStatus } from '../schema';
import { withConn } from '../store';
import { createAuditEntry, type AuditEntryInput } from './audit';
import { getEvaluationPeriod, type PeriodRow } from './evaluation';
import { inSubtree } from './unit-tree';

/**
 * Recognition after an evaluation period (docs/decisions/023): forms of
 * recognition per province, one round per period, nominations of offices
 * (collective) and officials (individual). Statements only: the use cases
 * (who may, in which state) are server/recognition.ts, each in one
 * transaction under the round's lock.
 *
 * Scope: a round is seen by whoever sees its period (db/queries/evaluation.ts);
 * nominations only within the viewer's subtree, so an office head sees only
 * their own office's.
 */

// ---------------------------------------------------------------------------
// Forms

export type RecognitionFormRow = { id: number; unitId: number; name: string; kind: RecognitionKind; active: boolean; sortOrder: number };

const formFields = { id: recognitionForms.id, unitId: recognitionForms.unitId, name: recognitionForms.name, kind: recognitionForms.kind, active: recognitionForms.active, sortOrder: recognitionForms.sortOrder };

/** The province's forms, in their order. */
export async function listRecognitionForms({ provinceId }: { provinceId: number }): Promise<RecognitionFormRow[]> {
  return withConn(({ db }) => db.select(formFields).from(recognitionForms).where(eq(recognitionForms.unitId, provinceId)).orderBy(asc(recognitionForms.sortOrder), asc(recognitionForms.id)));
}

export async function getRecognitionForm({ formId }: { formId: number }): Promise<RecognitionFormRow | null> {
  return withConn(async ({ db }) => (await db.select(formFields).from(recognitionForms).where(eq(recognitionForms.id, formId)).limit(1))[0] ?? null);
}

export async function createRecognitionForm(input: { provinceId: number; name: string; kind: RecognitionKind; sortOrder: number; now: Date }): Promise<number> {
  return withConn(async ({ db }) => {
    const [row] = await db
      .insert(recognitionForms)
      .values({ unitId: input.provinceId, name: input.name, kind: input.kind, sortOrder: input.sortOrder, createdAt: input.now })
      .returning({ id: recognitionForms.id });
    return row!.id;
  });
}

export async function updateRecognitionForm({ formId, name, kind, active }: { formId: number; name: string; kind: RecognitionKind; active: boolean }) {
  await withConn(({ db }) => db.update(recognitionForms).set({ name, kind, active }).where(eq(recognitionForms.id, formId)));
}

/** The forms a province starts with (Nghị định 98/2023/NĐ-CP names; editable afterwards). */
export const DEFAULT_FORMS: readonly { name: string; kind: RecognitionKind }[] = [
  { name: 'Bằng khen của Chủ tịch UBND tỉnh', kind: 'collective' },
  { name: 'Bằng khen của Chủ tịch UBND tỉnh', kind: 'individual' },
  { name: 'Giấy khen của Giám đốc Sở Nội vụ', kind: 'collective' },
  { name: 'Giấy khen của Giám đốc Sở Nội vụ', kind: 'individual' },
  { name: 'Tập thể lao động xuất sắc', kind: 'collective' },
  { name: 'Chiến sĩ thi đua cơ sở', kind: 'individual' },
  { name: 'Lao động tiên tiến', kind: 'individual' },
];

/** Adds the default forms when the province has none; returns how many were added. */
export async function createDefaultRecognitionFormsIfNone({ provinceId, now }: { provinceId: number; now: Date }): Promise<number> {
  return withConn(async ({ db }) => {
    const [existing] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(recognitionForms).where(eq(recognitionForms.unitId, provinceId));
    if (existing!.n > 0) return 0;
    await db.insert(recognitionForms).values(DEFAULT_FORMS.map((f, i) => ({ unitId: provinceId, name: f.name, kind: f.kind, sortOrder: (i + 1) * 10, createdAt: now })));
    return DEFAULT_FORMS.length;
  });
}

// ---------------------------------------------------------------------------
// Rounds

export type RoundRow = {
  id: number;
  periodId: number;
  status: RecognitionRoundStatus;
  rules: EligibilityRules;
  submissionNumber: string | null;
  submissionDate: string | null;
  compiledAt: Date | null;
  decisionNumber: string | null;
  decisionDate: string | null;
  decidedAt: Date | null;
  createdAt: Date;
};

export type RoundView = RoundRow & { period: PeriodRow };

function toRound(r: typeof recognitionRounds.$inferSelect): RoundRow {
  return {
    id: r.id,
    periodId: r.periodId,
    status: r.status,
    rules: parseRules(r.rules),
    submissionNumber: r.submissionNumber,
    submissionDate: r.submissionDate,
    compiledAt: r.compiledAt,
    decisionNumber: r.decisionNumber,
    decisionDate: r.decisionDate,
    decidedAt: r.decidedAt,
    createdAt: r.createdAt,
  };
}

/** A round with its period, or null when missing or its period is outside the viewer's province. */
export async function getRecognitionRound({ viewer, roundId }: { viewer: Pick<Viewer, 'scopePath'>; roundId: number }): Promise<RoundView | null> {
  return withConn(async ({ db }) => {
    const [row] = await db.select().from(recognitionRounds).where(eq(recognitionRounds.id, roundId)).limit(1);
    if (!row) return null;
    const period = await getEvaluationPeriod({ viewer, periodId: row.periodId });
    return period ? { ...toRound(row), period } : null;
  });
}

/** The rounds of the given periods, by period id. */
export async function listRecognitionRounds({ periodIds }: { periodIds: number[] }): Promise<Map<number, RoundRow>> {
  if (!periodIds.length) return new Map();
  const rows = await withConn(({ db }) => db.select().from(recognitionRounds).where(inArray(recognitionRounds.periodId, periodIds)));
  return new Map(rows.map((r) => [r.periodId, toRound(r)]));
}

/** A new round of a period; null when the period has one already (the unique index decides). */
export async function createRecognitionRound({ periodId, createdBy, now, rules = DEFAULT_RULES }: { periodId: number; createdBy: number | null; now: Date; rules?: EligibilityRules }): Promise<number | null> {
  return withConn(async ({ db }) => {
    const [row] = await db
      .insert(recognitionRounds)
      .values({ periodId, rules: JSON.stringify(rules), createdBy, createdAt: now, updatedAt: now })
      .onConflictDoNothing()
      .returning({ id: recognitionRounds.id });
    return row?.id ?? null;
  });
}

export async function updateRoundRules({ roundId, rules, now }: { roundId: number; rules: EligibilityRules; now: Date }) {
  await withConn(({ db }) => db.update(recognitionRounds).set({ rules: JSON.stringify(rules), updatedAt: now }).where(eq(recognitionRounds.id, roundId)));
}

export async function setRoundCompiled({ roundId, by, submissionNumber, submissionDate, now }: { roundId: number; by: number; submissionNumber: string; submissionDate: string; now: Date }) {
  await withConn(({ db }) =>
    db.update(recognitionRounds).set({ status: 'compiled', submissionNumber, submissionDate, compiledBy: by, compiledAt: now, updatedAt: now }).where(eq(recognitionRounds.id, roundId)),
  );
}

export async function setRoundDecided({ roundId, by, decisionNumber, decisionDate, now }: { roundId: number; by: number; decisionNumber: string; decisionDate: string; now: Date }) {
  await withConn(({ db }) =>
    db.update(recognitionRounds).set({ status: 'decided', decisionNumber, decisionDate, decidedBy: by, decidedAt: now, updatedAt: now }).where(eq(recognitionRounds.id, roundId)),
  );
}

// ---------------------------------------------------------------------------
// Offices' final results

export type FinalSheetRow = { unitId: number; name: string; path: string; status: string; finalTotal: number | null; finalClass: string | null };

/** The period's sheets of the offices under `path`, with their final class (null until finalised). */
export async function listPeriodSheets({ periodId, path }: { periodId: number; path: string }): Promise<FinalSheetRow[]> {
  return withConn(({ db }) =>
    db
      .select({ unitId: units.id, name: units.name, path: units.path, status: evaluationSheets.status, finalTotal: evaluationSheets.finalTotal, finalClass: evaluationSheets.finalClass })
      .from(evaluationSheets)
      .innerJoin(units, eq(units.id, evaluationSheets.unitId))
      .where(and(eq(evaluationSheets.periodId, periodId), inSubtree(path)))
      .orderBy(asc(units.path)),
  );
}

/** An office's sheet in a period: its status and final class; null when it has none. */
export async function getPeriodSheet({ periodId, unitId }: { periodId: number; unitId: number }): Promise<{ status: string; finalClass: string | null; finalTotal: number | null } | null> {
  return withConn(async ({ db }) => {
    const [row] = await db
      .select({ status: evaluationSheets.status, finalClass: evaluationSheets.finalClass, finalTotal: evaluationSheets.finalTotal })
      .from(evaluationSheets)
      .where(and(eq(evaluationSheets.periodId, periodId), eq(evaluationSheets.unitId, unitId)))
      .limit(1);
    return row ?? null;
  });
}

// ---------------------------------------------------------------------------
// Officials and their figures

export type NomineeRow = { id: number; unitId: number; unitName: string; unitPath: string; fullName: string; position: string; active: boolean };

const nomineeFields = { id: officials.id, unitId: officials.unitId, unitName: units.name, unitPath: units.path, fullName: officials.fullName, position: officials.position, active: officials.active };

/** One official with their office, whatever the scope (the use case checks it). */
export async function getNominee({ officialId }: { officialId: number }): Promise<NomineeRow | null> {
  return withConn(async ({ db }) => (await db.select(nomineeFields).from(officials).innerJoin(units, eq(units.id, officials.unitId)).where(eq(officials.id, officialId)).limit(1))[0] ?? null);
}

/** Active officials of the offices under `path`, by office then name: whom an office head may nominate. */
export async function listNominees({ path }: { path: string }): Promise<NomineeRow[]> {
  return withConn(({ db }) =>
    db
      .select(nomineeFields)
      .from(officials)
      .innerJoin(units, eq(units.id, officials.unitId))
      .where(and(inSubtree(path), eq(officials.active, true)))
      .orderBy(asc(units.path), asc(officials.searchName), asc(officials.id)),
  );
}

export type LevelSums = { questionKey: string; n1: number; n2: number; n3: number; n4: number; n5: number };

/** An official's valid answers of a calendar year per question, from the monthly rollup (12 rows per question at most). */
export async function listOfficialYearCounts({ officialId, year }: { officialId: number; year: number }): Promise<LevelSums[]> {
  const m = rollupOfficialMonths;
  const rows = await withConn(({ db }) =>
    db
      .select({
        questionKey: m.questionKey,
        n1: sql<number>`sum(${m.n1})`.mapWith(Number),
        n2: sql<number>`sum(${m.n2})`.mapWith(Number),
        n3: sql<number>`sum(${m.n3})`.mapWith(Number),
        n4: sql<number>`sum(${m.n4})`.mapWith(Number),
        n5: sql<number>`sum(${m.n5})`.mapWith(Number),
      })
      .from(m)
      .where(and(eq(m.officialId, officialId), eq(m.excluded, false), gte(m.month, `${year}-01`), lte(m.month, `${year}-12`)))
      .groupBy(m.questionKey),
  );
  return rows;
}

// ---------------------------------------------------------------------------
// Nominations

export type NominationRow = {
  id: number;
  roundId: number;
  kind: RecognitionKind;
  unitId: number;
  unitName: string;
  officialId: number | null;
  officialName: string | null;
  officialPosition: string | null;
  formId: number;
  formName: string;
  reasons: string;
  evidenceLinks: string[];
  figures: OfficialFigures | null;
  status: NominationStatus;
  reviewNote: string | null;
  nominatedAt: Date;
  reviewedAt: Date | null;
  awardedFormId: number | null;
  awardedFormName: string | null;
};

const awarded = alias(recognitionForms, 'awarded');

/** The round's nominations of offices under `path`: collectives first, then by office and name. */
export async function listNominations({ roundId, path }: { roundId: number; path: string }): Promise<NominationRow[]> {
  const rows = await withConn(({ db }) =>
    db
      .select({
        id: nominations.id,
        roundId: nominations.roundId,
        kind: nominations.kind,
        unitId: nominations.unitId,
        unitName: units.name,
        officialId: nominations.officialId,
        officialName: officials.fullName,
        officialPosition: officials.position,
        formId: nominations.formId,
        formName: recognitionForms.name,
        reasons: nominations.reasons,
        evidenceLinks: nominations.evidenceLinks,
        figures: nominations.figures,
        status: nominations.status,
        reviewNote: nominations.reviewNote,
        nominatedAt: nominations.nominatedAt,
        reviewedAt: nominations.reviewedAt,
        awardedFormId: nominations.awardedFormId,
        awardedFormName: awarded.name,
      })
      .from(nominations)
      .innerJoin(units, eq(units.id, nominations.unitId))
      .innerJoin(recognitionForms, eq(recognitionForms.id, nominations.formId))
      .leftJoin(officials, eq(officials.id, nominations.officialId))
      .leftJoin(awarded, eq(awarded.id, nominations.awardedFormId))
      .where(and(eq(nominations.roundId, roundId), inSubtree(path)))
      .orderBy(asc(nominations.kind), asc(units.path), asc(nominations.id)),
  );
  return rows.map(({ evidenceLinks, figures, ...r }) => ({
    ...r,
    evidenceLinks: evidenceLinks ? (JSON.parse(evidenceLinks) as string[]) : [],
    figures: figures ? (JSON.parse(figures) as OfficialFigures) : null,
  }));
}

/** One nomination with its office's path (for the scope check), or null. */
export async function getNomination({ nominationId }: { nominationId: number }) {
  return withConn(
    async ({ db }) =>
      (
        await db
          .select({ id: nominations.id, roundId: nominations.roundId, kind: nominations.kind, unitId: nominations.unitId, unitPath: units.path, officialId: nominations.officialId, status: nominations.status, figures: nominations.figures, reviewNote: nominations.reviewNote })
          .from(nominations)
          .innerJoin(units, eq(units.id, nominations.unitId))
          .where(eq(nominations.id, nominationId))
          .limit(1)
      )[0] ?? null,
  );
}

/** A new nomination; null when the office (collective) or the official is already nominated in the round (the partial unique indexes decide). */
export async function createNomination(input: {
  roundId: number;
  kind: RecognitionKind;
  unitId: number;
  officialId: number | null;
  formId: number;
  reasons: string;
  evidenceLinks: string[];
  figures: OfficialFigures | null;
  by: number | null;
  now: Date;
}): Promise<number | null> {
  return withConn(async ({ db }) => {
    const [row] = await db
      .insert(nominations)
      .values({
        roundId: input.roundId,
        kind: input.kind,
        unitId: input.unitId,
        officialId: input.officialId,
        formId: input.formId,
        reasons: input.reasons,
        evidenceLinks: input.evidenceLinks.length ? JSON.stringify(input.evidenceLinks) : null,
        figures: input.figures ? JSON.stringify(input.figures) : null,
        nominatedBy: input.by,
        nominatedAt: input.now,
        updatedAt: input.now,
      })
      .onConflictDoNothing()
      .returning({ id: nominations.id });
    return row?.id ?? null;
  });
}

export async function setNominationReview({ nominationId, status, note, by, now }: { nominationId: number; status: NominationStatus; note: string | null; by: number; now: Date }) {
  await withConn(({ db }) => db.update(nominations).set({ status, reviewNote: note, reviewedBy: by, reviewedAt: now, updatedAt: now }).where(eq(nominations.id, nominationId)));
}

export async function setNominationAward({ nominationId, formId, now }: { nominationId: number; formId: number; now: Date }) {
  await withConn(({ db }) => db.update(nominations).set({ awardedFormId: formId, updatedAt: now }).where(eq(nominations.id, nominationId)));
}

/** Offices nominated in the round (collective or individual), each once. */
export async function listNominatedUnitIds({ roundId }: { roundId: number }): Promise<number[]> {
  const rows = await withConn(({ db }) => db.selectDistinct({ unitId: nominations.unitId }).from(nominations).where(and(eq(nominations.roundId, roundId), isNotNull(nominations.unitId))));
  return rows.map((r) => r.unitId);
}

export async function createRecognitionAuditEntry(e: AuditEntryInput) {
  await createAuditEntry(e);
}
