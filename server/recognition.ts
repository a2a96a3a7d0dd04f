import { listEvaluationPeriods, type PeriodRow } from '@/db/queries/evaluation';
import { countUpheldReportsOfOfficials } from '@/db/queries/integrity';
import {
  createDefaultRecognitionFormsIfNone,
  createNomination,
  createRecognitionAuditEntry,
  createRecognitionForm,
  createRecognitionRound,
  getNomination,
  getNominee,
  getPeriodSheet,
  getRecognitionForm,
  getRecognitionRound,
  listNominatedUnitIds,
  listNominations,
  listNominees,
  listOfficialYearCounts,
  listPeriodSheets,
  listRecognitionForms,
  listRecognitionRounds,
  setNominationAward,
  setNominationReview,
  setRoundCompiled,
  setRoundDecided,
  updateRecognitionForm,
  updateRoundRules,
  type NominationRow,
  type RecognitionFormRow,
  type RoundRow,
  type RoundView,
} from '@/db/queries/recognition';
import { transaction, type Conn } from '@/db/store';
import { can, type Viewer } from '@/lib/auth/roles';
import { DEFAULT_MIN_SAMPLE } from '@/lib/indicators/indicator';
import { summarize } from '@/lib/indicators/summary';
import { vietnamYearBounds } from '@/lib/supervision';
import { DEFAULT_QUESTION_SET } from '@/lib/survey/question-set';
import { evaluateCollective, evaluateIndividual, qualifyingClasses, type Eligibility, type EligibilityRules, type OfficialFigures } from '@/lib/recognition/rules';
import type { RecognitionKind } from '@/db/schema';
import { questionCatalog } from './dashboard';

/**
 * Recognition after an evaluation period (docs/decisions/023,
 * docs/decisions/026-recognition-rounds.md): the assessor opens a round once
 * results are final, office heads nominate their officials, the assessor
 * proposes offices classed "Xuất sắc", reviews, compiles the proposal and
 * records the decision, after which every write is refused. Each change is
 * one transaction under the round's lock (`recognition:<id>`), so two
 * servers cannot both pass a check (a second nomination of one official, a
 * nomination while the round is compiled) before either wrote; the office's
 * sheet lock is taken too where its finalisation is the condition.
 */

export type Outcome = { status: 'ok'; id?: number } | { status: 'not_found' } | { status: 'refused'; message: string; field?: string };

export const REFUSALS = {
  decided: 'Đợt khen thưởng đã có quyết định nên không thay đổi được nữa.',
  compiled: 'Đã lập tờ trình nên danh sách đề nghị và tiêu chuẩn không thay đổi được nữa.',
  otherOffice: 'Chỉ đề nghị được cán bộ thuộc đơn vị của Ông/Bà.',
  inactive: 'Cán bộ này không còn hoạt động nên không đề nghị khen thưởng được.',
  twiceOfficial: 'Cán bộ này đã được đề nghị trong đợt khen thưởng này.',
  twiceOffice: 'Đơn vị này đã được đề nghị khen thưởng tập thể trong đợt này.',
  notFinal: 'Kết quả đánh giá của đơn vị chưa được chốt nên chưa đề nghị khen thưởng được.',
  noFinal: 'Chưa có đơn vị nào được chốt kết quả đánh giá trong đợt này nên chưa mở đợt khen thưởng được.',
  exists: 'Đợt đánh giá này đã có đợt khen thưởng.',
  form: 'Chọn một hình thức khen thưởng đang dùng, đúng loại (tập thể hoặc cá nhân).',
} as const;

/** The province (a root of the tree) of a viewer: where forms of recognition live. */
export function provinceIdOf(viewer: Pick<Viewer, 'scopePath'>): number {
  return Number(viewer.scopePath.split('/')[1]);
}

/** Where the viewer and the period's province meet: the narrower of the two paths. */
function commonPath(viewer: Pick<Viewer, 'scopePath'>, period: Pick<PeriodRow, 'unitPath'>): string {
  return viewer.scopePath.startsWith(period.unitPath) ? viewer.scopePath : period.unitPath;
}

/** Whether the viewer acts for the whole province of the round (open, rules, compile, decide). */
const coversProvince = (viewer: Pick<Viewer, 'scopePath'>, period: Pick<PeriodRow, 'unitPath'>) => period.unitPath.startsWith(viewer.scopePath);

function lockedMessage(round: Pick<RoundRow, 'status'>): string | null {
  return round.status === 'decided' ? REFUSALS.decided : round.status === 'compiled' ? REFUSALS.compiled : null;
}

/**
 * The round, read under its lock, when the viewer may change it and it still
 * takes changes (`provinceWide`: opening, rules, compiling need the whole
 * province in scope); otherwise the outcome to answer instead.
 */
async function changeableRound(c: Conn, viewer: Viewer, roundId: number, { provinceWide }: { provinceWide: boolean }): Promise<{ round: RoundView } | { outcome: Outcome }> {
  await c.lock(roundKey(roundId));
  const round = await getRecognitionRound({ viewer, roundId });
  if (!round || (provinceWide && !coversProvince(viewer, round.period))) return { outcome: { status: 'not_found' } };
  const locked = lockedMessage(round);
  if (locked) return { outcome: { status: 'refused', message: locked } };
  return { round };
}

export const mayRecognition = (viewer: Pick<Viewer, 'role'>) => can(viewer.role, 'recognition.manage') || can(viewer.role, 'recognition.nominate');

// ---------------------------------------------------------------------------
// Reads

export type RoundListLine = { period: PeriodRow; round: RoundRow | null };

/** The periods the viewer sees, each with its round if opened; the province's forms for an assessor. */
export async function loadRecognitionHome(viewer: Viewer): Promise<{ lines: RoundListLine[]; forms: RecognitionFormRow[] }> {
  const periods = await listEvaluationPeriods({ viewer });
  const rounds = await listRecognitionRounds({ periodIds: periods.map((p) => p.id) });
  const forms = can(viewer.role, 'recognition.manage') ? await listRecognitionForms({ provinceId: provinceIdOf(viewer) }) : [];
  return { lines: periods.map((period) => ({ period, round: rounds.get(period.id) ?? null })), forms };
}

/** The advisory figures of an official for a year: the headline (overall) question's answers, as on the office figures (lib/indicators). */
export async function officialFigures({ officialId, unitPath, year }: { officialId: number; unitPath: string; year: number }): Promise<OfficialFigures> {
  const [rows, catalog] = await Promise.all([listOfficialYearCounts({ officialId, year }), questionCatalog(unitPath)]);
  // A database without any question set yet: the default set's questions name the headline.
  const h = summarize(rows, catalog.length ? catalog : DEFAULT_QUESTION_SET.questions).headline;
  return { n: h?.n ?? 0, rate: h?.rate ?? null, low: h?.low ?? null, high: h?.high ?? null, enoughData: Boolean(h?.enoughData), minSample: DEFAULT_MIN_SAMPLE, year };
}

export type NominationLine = NominationRow & { eligibility: Eligibility };
export type CandidateOffice = { unitId: number; name: string; finalTotal: number | null; finalClass: string | null; nominated: boolean };

export type RoundPage = {
  round: RoundView;
  mayManage: boolean;
  mayNominate: boolean;
  /** The viewer acts for the whole province: rules, compile, decision. */
  provinceWide: boolean;
  collectives: NominationLine[];
  individuals: NominationLine[];
  forms: RecognitionFormRow[];
  /** Offices of the viewer's part whose class qualifies (assessors). */
  candidates: CandidateOffice[];
  /** Active officials of finalised offices the viewer may nominate (office heads), and offices not yet final. */
  nominees: { id: number; label: string }[];
  notFinalOffices: string[];
  /** The rubric's classes, for the rules form. */
  classes: string[];
};

/** Everything the round page shows, within the viewer's scope; null when the round is not theirs to see. */
export async function loadRoundPage(viewer: Viewer, roundId: number): Promise<RoundPage | null> {
  if (!mayRecognition(viewer)) return null;
  const round = await getRecognitionRound({ viewer, roundId });
  if (!round) return null;
  const path = commonPath(viewer, round.period);
  const mayManage = can(viewer.role, 'recognition.manage');
  const mayNominate = can(viewer.role, 'recognition.nominate');
  const [rows, forms, sheets] = await Promise.all([
    listNominations({ roundId, path }),
    listRecognitionForms({ provinceId: round.period.unitId }),
    listPeriodSheets({ periodId: round.periodId, path }),
  ]);
  const sheetByUnit = new Map(sheets.map((s) => [s.unitId, s]));
  // Upheld integrity reports about ratings attributed to each nominee in the year (docs/decisions/028), read now: the inspectorate may conclude after the nomination.
  const upheld = await countUpheldReportsOfOfficials({ officialIds: rows.flatMap((r) => (r.officialId === null ? [] : [r.officialId])), ...vietnamYearBounds(round.period.year) });
  const lines = rows.map((r) => ({
    ...r,
    eligibility:
      r.kind === 'individual' && r.figures
        ? evaluateIndividual(round.rules, r.figures, upheld.get(r.officialId!) ?? 0)
        : evaluateCollective(round.rules, sheetByUnit.get(r.unitId)?.finalClass ?? null),
  }));
  const classes = qualifyingClasses(round.rules);
  const nominatedOffices = new Set(rows.filter((r) => r.kind === 'collective').map((r) => r.unitId));
  const candidates = mayManage
    ? sheets
        .filter((s) => s.status === 'finalised' && s.finalClass !== null && (classes === null || classes.includes(s.finalClass)))
        .map((s) => ({ unitId: s.unitId, name: s.name, finalTotal: s.finalTotal, finalClass: s.finalClass, nominated: nominatedOffices.has(s.unitId) }))
    : [];
  let nominees: RoundPage['nominees'] = [];
  let notFinalOffices: string[] = [];
  if (mayNominate) {
    const all = await listNominees({ path });
    const final = new Set(sheets.filter((s) => s.status === 'finalised').map((s) => s.unitId));
    const taken = new Set(rows.map((r) => r.officialId));
    nominees = all.filter((o) => final.has(o.unitId) && !taken.has(o.id)).map((o) => ({ id: o.id, label: `${o.fullName}${o.position ? `, ${o.position}` : ''} — ${o.unitName}` }));
    notFinalOffices = [...new Set(all.filter((o) => !final.has(o.unitId)).map((o) => o.unitName))];
  }
  const individuals = lines.filter((l) => l.kind === 'individual');
  // Individual figures are personal data (docs/decisions/023): each view of them is audited.
  if (individuals.length) {
    await createRecognitionAuditEntry({
      actorId: viewer.userId,
      action: 'official.figures.view',
      entityType: 'recognition_round',
      entityId: roundId,
      unitId: round.period.unitId,
      after: { officialIds: individuals.map((l) => l.officialId), via: 'recognition' },
    });
  }
  return {
    round,
    mayManage,
    mayNominate,
    provinceWide: coversProvince(viewer, round.period),
    collectives: lines.filter((l) => l.kind === 'collective'),
    individuals,
    forms,
    candidates,
    nominees,
    notFinalOffices,
    classes: round.period.rubric.bands.map((b) => b.label),
  };
}

/** The accepted nominations of a round, for the proposal (print and XLSX): the province-wide viewer's view. */
export async function loadProposal(viewer: Viewer, roundId: number): Promise<{ round: RoundView; collectives: NominationRow[]; individuals: NominationRow[] } | null> {
  if (!can(viewer.role, 'recognition.manage')) return null;
  const round = await getRecognitionRound({ viewer, roundId });
  if (!round) return null;
  const rows = (await listNominations({ roundId, path: commonPath(viewer, round.period) })).filter((r) => r.status === 'accepted');
  return { round, collectives: rows.filter((r) => r.kind === 'collective'), individuals: rows.filter((r) => r.kind === 'individual') };
}

// ---------------------------------------------------------------------------
// Changes

const roundKey = (roundId: number) => `recognition:${roundId}`;

/** Opens the round of a period once at least one office's results are final; adds the province's default forms when it has none. */
export async function openRound({ viewer, periodId, now = new Date() }: { viewer: Viewer; periodId: number; now?: Date }): Promise<Outcome> {
  if (!can(viewer.role, 'recognition.manage')) return { status: 'not_found' };
  return transaction(async (c): Promise<Outcome> => {
    await c.lock(`recognition-period:${periodId}`);
    const period = (await listEvaluationPeriods({ viewer })).find((p) => p.id === periodId);
    if (!period || !coversProvince(viewer, period)) return { status: 'not_found' };
    if (period.finalised === 0) return { status: 'refused', message: REFUSALS.noFinal };
    const id = await createRecognitionRound({ periodId, createdBy: viewer.userId, now });
    if (id === null) return { status: 'refused', message: REFUSALS.exists };
    const forms = await createDefaultRecognitionFormsIfNone({ provinceId: period.unitId, now });
    await createRecognitionAuditEntry({ actorId: viewer.userId, action: 'recognition_round.open', entityType: 'recognition_round', entityId: id, unitId: period.unitId, after: { periodId, defaultForms: forms }, at: now });
    return { status: 'ok', id };
  });
}

/** The round's rules, while it is open (province-wide assessors). */
export async function saveRoundRules({ viewer, roundId, rules, now = new Date() }: { viewer: Viewer; roundId: number; rules: EligibilityRules; now?: Date }): Promise<Outcome> {
  if (!can(viewer.role, 'recognition.manage')) return { status: 'not_found' };
  return transaction(async (c): Promise<Outcome> => {
    const found = await changeableRound(c, viewer, roundId, { provinceWide: true });
    if ('outcome' in found) return found.outcome;
    const { round } = found;
    await updateRoundRules({ roundId, rules, now });
    await createRecognitionAuditEntry({ actorId: viewer.userId, action: 'recognition_round.rules', entityType: 'recognition_round', entityId: roundId, unitId: round.period.unitId, before: round.rules, after: rules, at: now });
    return { status: 'ok' };
  });
}

async function usableForm(formId: number, provinceId: number, kind: RecognitionKind): Promise<RecognitionFormRow | null> {
  const form = await getRecognitionForm({ formId });
  return form && form.unitId === provinceId && form.active && form.kind === kind ? form : null;
}

/**
 * An office head nominates an active official of their own office, once the
 * office's results are final; the official's advisory figures for the
 * period's year are attached as they are now.
 */
export async function nominateIndividual({
  viewer,
  roundId,
  officialId,
  formId,
  reasons,
  evidence,
  now = new Date(),
}: {
  viewer: Viewer;
  roundId: number;
  officialId: number;
  formId: number;
  reasons: string;
  evidence: string[];
  now?: Date;
}): Promise<Outcome> {
  if (!can(viewer.role, 'recognition.nominate')) return { status: 'not_found' };
  const round0 = await getRecognitionRound({ viewer, roundId });
  const nominee0 = await getNominee({ officialId });
  if (!round0) return { status: 'not_found' };
  // Computed before the transaction (reads only); re-checked conditions follow under the locks.
  const figures = nominee0 ? await officialFigures({ officialId, unitPath: nominee0.unitPath, year: round0.period.year }) : null;
  return transaction(async (c): Promise<Outcome> => {
    const found = await changeableRound(c, viewer, roundId, { provinceWide: false });
    if ('outcome' in found) return found.outcome;
    const { round } = found;
    const nominee = await getNominee({ officialId });
    if (!nominee || !nominee.unitPath.startsWith(viewer.scopePath) || !nominee.unitPath.startsWith(round.period.unitPath) || !figures) {
      return { status: 'refused', message: REFUSALS.otherOffice, field: 'officialId' };
    }
    if (!nominee.active) return { status: 'refused', message: REFUSALS.inactive, field: 'officialId' };
    await c.lock(`sheet:${round.periodId}:${nominee.unitId}`);
    const sheet = await getPeriodSheet({ periodId: round.periodId, unitId: nominee.unitId });
    if (sheet?.status !== 'finalised') return { status: 'refused', message: REFUSALS.notFinal, field: 'officialId' };
    if (!(await usableForm(formId, round.period.unitId, 'individual'))) return { status: 'refused', message: REFUSALS.form, field: 'formId' };
    const id = await createNomination({ roundId, kind: 'individual', unitId: nominee.unitId, officialId, formId, reasons, evidenceLinks: evidence, figures, by: viewer.userId, now });
    if (id === null) return { status: 'refused', message: REFUSALS.twiceOfficial, field: 'officialId' };
    await createRecognitionAuditEntry({
      actorId: viewer.userId,
      action: 'nomination.create',
      entityType: 'nomination',
      entityId: id,
      unitId: nominee.unitId,
      after: { roundId, kind: 'individual', officialId, formId, reasons, evidence, figures },
      at: now,
    });
    return { status: 'ok', id };
  });
}

/** The assessor proposes an office whose final class qualifies under the round's rules. */
export async function nominateCollective({
  viewer,
  roundId,
  unitId,
  formId,
  reasons,
  now = new Date(),
}: {
  viewer: Viewer;
  roundId: number;
  unitId: number;
  formId: number;
  reasons: string;
  now?: Date;
}): Promise<Outcome> {
  if (!can(viewer.role, 'recognition.manage')) return { status: 'not_found' };
  return transaction(async (c): Promise<Outcome> => {
    const found = await changeableRound(c, viewer, roundId, { provinceWide: false });
    if ('outcome' in found) return found.outcome;
    const { round } = found;
    await c.lock(`sheet:${round.periodId}:${unitId}`);
    const office = (await listPeriodSheets({ periodId: round.periodId, path: commonPath(viewer, round.period) })).find((s) => s.unitId === unitId);
    if (!office) return { status: 'refused', message: REFUSALS.notFinal };
    const eligibility = evaluateCollective(round.rules, office.status === 'finalised' ? office.finalClass : null);
    if (!eligibility.eligible) return { status: 'refused', message: eligibility.firstFailure! };
    if (!(await usableForm(formId, round.period.unitId, 'collective'))) return { status: 'refused', message: REFUSALS.form, field: 'formId' };
    const id = await createNomination({ roundId, kind: 'collective', unitId, officialId: null, formId, reasons, evidenceLinks: [], figures: null, by: viewer.userId, now });
    if (id === null) return { status: 'refused', message: REFUSALS.twiceOffice };
    await createRecognitionAuditEntry({
      actorId: viewer.userId,
      action: 'nomination.create',
      entityType: 'nomination',
      entityId: id,
      unitId,
      after: { roundId, kind: 'collective', formId, reasons, finalClass: office.finalClass, finalTotal: office.finalTotal },
      at: now,
    });
    return { status: 'ok', id };
  });
}

/**
 * The assessor accepts or rejects a nomination (with a note) while the round
 * is open; accepting one that fails a checkable rule of the round is refused
 * with that rule, as the nominee's figures were attached.
 */
export async function reviewNomination({ viewer, nominationId, verdict, note, now = new Date() }: { viewer: Viewer; nominationId: number; verdict: 'accepted' | 'rejected'; note: string; now?: Date }): Promise<Outcome> {
  if (!can(viewer.role, 'recognition.manage')) return { status: 'not_found' };
  const n0 = await getNomination({ nominationId });
  if (!n0) return { status: 'not_found' };
  return transaction(async (c): Promise<Outcome> => {
    await c.lock(roundKey(n0.roundId));
    const n = await getNomination({ nominationId });
    const round = await getRecognitionRound({ viewer, roundId: n0.roundId });
    if (!n || !round || !n.unitPath.startsWith(viewer.scopePath)) return { status: 'not_found' };
    const locked = lockedMessage(round);
    if (locked) return { status: 'refused', message: locked };
    if (verdict === 'accepted') {
      const eligibility =
        n.kind === 'individual' && n.figures
          ? evaluateIndividual(
              round.rules,
              JSON.parse(n.figures) as OfficialFigures,
              n.officialId === null
                ? null
                : ((await countUpheldReportsOfOfficials({ officialIds: [n.officialId], ...vietnamYearBounds(round.period.year) })).get(n.officialId) ?? 0),
            )
          : evaluateCollective(round.rules, (await getPeriodSheet({ periodId: round.periodId, unitId: n.unitId }))?.finalClass ?? null);
      if (!eligibility.eligible) return { status: 'refused', message: `Không đồng ý đề nghị được vì chưa đạt tiêu chuẩn: ${eligibility.firstFailure}` };
    }
    await setNominationReview({ nominationId, status: verdict, note: note || null, by: viewer.userId, now });
    await createRecognitionAuditEntry({
      actorId: viewer.userId,
      action: 'nomination.review',
      entityType: 'nomination',
      entityId: nominationId,
      unitId: n.unitId,
      before: { status: n.status, note: n.reviewNote },
      after: { status: verdict, note: note || null },
      at: now,
    });
    return { status: 'ok' };
  });
}

/**
 * Compiles the province's list: every nomination reviewed, at least one
 * accepted, and every nominated office's sheet still finalised (an
 * administrator may have reopened one since).
 */
export async function compileRound({
  viewer,
  roundId,
  submissionNumber,
  submissionDate,
  now = new Date(),
}: {
  viewer: Viewer;
  roundId: number;
  submissionNumber: string;
  submissionDate: string;
  now?: Date;
}): Promise<Outcome> {
  if (!can(viewer.role, 'recognition.manage')) return { status: 'not_found' };
  return transaction(async (c): Promise<Outcome> => {
    const found = await changeableRound(c, viewer, roundId, { provinceWide: true });
    if ('outcome' in found) return found.outcome;
    const { round } = found;
    const unitIds = await listNominatedUnitIds({ roundId });
    if (unitIds.length) await c.lock(...unitIds.map((u) => `sheet:${round.periodId}:${u}`));
    const rows = await listNominations({ roundId, path: round.period.unitPath });
    const pending = rows.filter((r) => r.status === 'proposed').length;
    if (pending) return { status: 'refused', message: `Còn ${pending} đề nghị chưa được xem xét (đồng ý hoặc không đồng ý).` };
    const accepted = rows.filter((r) => r.status === 'accepted');
    if (!accepted.length) return { status: 'refused', message: 'Chưa có đề nghị nào được đồng ý nên chưa lập tờ trình được.' };
    const sheets = new Map((await listPeriodSheets({ periodId: round.periodId, path: round.period.unitPath })).map((s) => [s.unitId, s]));
    const notFinal = [...new Set(accepted.filter((r) => sheets.get(r.unitId)?.status !== 'finalised').map((r) => r.unitName))];
    if (notFinal.length) return { status: 'refused', message: `Kết quả đánh giá của ${notFinal.join(', ')} không còn ở trạng thái đã chốt; chốt lại trước khi lập tờ trình.` };
    await setRoundCompiled({ roundId, by: viewer.userId, submissionNumber, submissionDate, now });
    await createRecognitionAuditEntry({
      actorId: viewer.userId,
      action: 'recognition_round.compile',
      entityType: 'recognition_round',
      entityId: roundId,
      unitId: round.period.unitId,
      after: { submissionNumber, submissionDate, collectives: accepted.filter((r) => r.kind === 'collective').length, individuals: accepted.filter((r) => r.kind === 'individual').length },
      at: now,
    });
    return { status: 'ok' };
  });
}

/**
 * Records the decision (number, date, the form awarded to each accepted
 * nomination: the proposed one unless told otherwise); the round is locked
 * from then on.
 */
export async function recordDecision({
  viewer,
  roundId,
  decisionNumber,
  decisionDate,
  awards,
  now = new Date(),
}: {
  viewer: Viewer;
  roundId: number;
  decisionNumber: string;
  decisionDate: string;
  awards: ReadonlyMap<number, number>;
  now?: Date;
}): Promise<Outcome> {
  if (!can(viewer.role, 'recognition.manage')) return { status: 'not_found' };
  return transaction(async (c): Promise<Outcome> => {
    await c.lock(roundKey(roundId));
    const round = await getRecognitionRound({ viewer, roundId });
    if (!round || !coversProvince(viewer, round.period)) return { status: 'not_found' };
    if (round.status === 'decided') return { status: 'refused', message: REFUSALS.decided };
    if (round.status !== 'compiled') return { status: 'refused', message: 'Cần lập tờ trình trước khi ghi quyết định khen thưởng.' };
    if (round.submissionDate && decisionDate < round.submissionDate) return { status: 'refused', message: 'Ngày quyết định không được trước ngày tờ trình.', field: 'decisionDate' };
    const accepted = (await listNominations({ roundId, path: round.period.unitPath })).filter((r) => r.status === 'accepted');
    const chosen: { id: number; formId: number }[] = [];
    for (const n of accepted) {
      const formId = awards.get(n.id) ?? n.formId;
      if (!(await usableForm(formId, round.period.unitId, n.kind))) return { status: 'refused', message: `${n.officialName ?? n.unitName}: ${REFUSALS.form}` };
      chosen.push({ id: n.id, formId });
    }
    for (const a of chosen) await setNominationAward({ nominationId: a.id, formId: a.formId, now });
    await setRoundDecided({ roundId, by: viewer.userId, decisionNumber, decisionDate, now });
    await createRecognitionAuditEntry({
      actorId: viewer.userId,
      action: 'recognition_round.decide',
      entityType: 'recognition_round',
      entityId: roundId,
      unitId: round.period.unitId,
      after: { decisionNumber, decisionDate, awards: Object.fromEntries(chosen.map((a) => [a.id, a.formId])) },
      at: now,
    });
    return { status: 'ok' };
  });
}

/** A new form of recognition for the assessor's province. */
export async function addRecognitionForm({ viewer, name, kind, now = new Date() }: { viewer: Viewer; name: string; kind: RecognitionKind; now?: Date }): Promise<Outcome> {
  if (!can(viewer.role, 'recognition.manage')) return { status: 'not_found' };
  const provinceId = provinceIdOf(viewer);
  return transaction(async (): Promise<Outcome> => {
    const existing = await listRecognitionForms({ provinceId });
    if (existing.some((f) => f.name === name && f.kind === kind)) return { status: 'refused', message: 'Đã có hình thức khen thưởng này.', field: 'name' };
    const id = await createRecognitionForm({ provinceId, name, kind, sortOrder: (existing.at(-1)?.sortOrder ?? 0) + 10, now });
    await createRecognitionAuditEntry({ actorId: viewer.userId, action: 'recognition_form.create', entityType: 'recognition_form', entityId: id, unitId: provinceId, after: { name, kind }, at: now });
    return { status: 'ok', id };
  });
}

/** Renames, re-kinds or (de)activates a form of the assessor's province; forms in use stay, made inactive. */
export async function editRecognitionForm({ viewer, formId, name, kind, active, now = new Date() }: { viewer: Viewer; formId: number; name: string; kind: RecognitionKind; active: boolean; now?: Date }): Promise<Outcome> {
  if (!can(viewer.role, 'recognition.manage')) return { status: 'not_found' };
  return transaction(async (): Promise<Outcome> => {
    const form = await getRecognitionForm({ formId });
    if (!form || form.unitId !== provinceIdOf(viewer)) return { status: 'not_found' };
    await updateRecognitionForm({ formId, name, kind, active });
    await createRecognitionAuditEntry({
      actorId: viewer.userId,
      action: 'recognition_form.update',
      entityType: 'recognition_form',
      entityId: formId,
      unitId: form.unitId,
      before: { name: form.name, kind: form.kind, active: form.active },
      after: { name, kind, active },
      at: now,
    });
    return { status: 'ok' };
  });
}
