import { listOffices } from '@/db/queries/dashboard';
import { getEvaluationPeriod, listEvaluationPeriods, type PeriodRow } from '@/db/queries/evaluation';
import {
  createGoodExample,
  createPublication,
  createPublishingAuditEntry,
  deleteGoodExample,
  getGoodExample,
  getLivePublication,
  listGoodExamples,
  listPublications,
  setGoodExamplePhoto,
  setGoodExamplePublished,
  setPublicationWithdrawn,
  updateGoodExample,
  type GoodExampleRow,
  type PublicationRow,
} from '@/db/queries/publishing';
import { getUnitInScope } from '@/db/queries/unit-tree';
import { transaction } from '@/db/store';
import { isRootScope, type Viewer } from '@/lib/auth/roles';
import { formatDate } from '@/lib/format';
import { customPeriod, dayKeyOf } from '@/lib/indicators/periods';
import {
  figureNumbersOf,
  periodDays,
  periodEnded,
  periodLabel,
  quarterPeriod,
  yearPeriodKey,
  type PeriodKey,
  type PublishedFigure,
} from '@/lib/publishing/publication';
import type { GoodExampleInput } from '@/lib/validation/publishing';
import { loadOfficeTable } from './dashboard';
import { loadResults } from './evaluation';
import { forgetPublication } from './public-results';

/**
 * Publishing results (docs/decisions/028): the assessor of the whole
 * province freezes a quarter (once it has ended) or a year (once it has
 * ended and every office's evaluation is finalised) into `published_figures`,
 * computed from the rollups by the same loaders the dashboards and the
 * evaluation use (server/dashboard.ts loadOfficeTable, server/evaluation.ts
 * loadResults); withdraws it; and curates the good examples. Every change is
 * audited. The public side reads only what is written here
 * (server/public-results.ts).
 */

export type Outcome = { status: 'ok'; id: number; message: string } | { status: 'not_found' } | { status: 'refused'; message: string; field?: string };

export const PUBLISHING_REFUSALS = {
  province: 'Chỉ người thẩm định phụ trách toàn tỉnh mới công bố hoặc thu hồi kết quả của tỉnh.',
  notEnded: (p: PeriodKey) => `${periodLabel(p)} chưa kết thúc: chỉ công bố được từ sau ngày ${formatDate(`${periodDays(p).to}T12:00:00+07:00`)}.`,
  twice: (p: PeriodKey) => `${periodLabel(p)} đang được công khai. Muốn công bố lại, hãy thu hồi bản đang công khai trước.`,
  notFinal: (p: PeriodKey, names: string[]) =>
    `Chưa công bố được ${periodLabel(p).toLowerCase()}: còn ${names.length} đơn vị chưa được chốt kết quả đánh giá (${names.slice(0, 3).join('; ')}${names.length > 3 ? '; …' : ''}). ` +
    'Xếp loại chỉ được công bố khi mọi đơn vị của tỉnh đã được chốt.',
  otherProvince: 'Đợt đánh giá này không thuộc tỉnh Ông/Bà phụ trách.',
  notOffice: 'Chọn một đơn vị tiếp nhận đánh giá thuộc phạm vi của Ông/Bà.',
} as const;

/** The province the viewer publishes for: their scope when it is a root of the tree; null for narrower scopes. */
export function provinceOf(viewer: Pick<Viewer, 'scopePath' | 'scopeUnitId'>): { id: number; path: string } | null {
  return isRootScope(viewer) ? { id: viewer.scopeUnitId, path: viewer.scopePath } : null;
}

type Evaluation = ReadonlyMap<number, { totalX100: number | null; finalClass: string | null }>;

/**
 * Every office of the province with its figures over the period's days, ranked
 * by the interval's lower bound (lib/indicators/ranking.ts), and the
 * province's own row; offices no longer active appear only when they were
 * rated in the period.
 */
export async function computeFigures(province: { id: number; path: string; name: string }, p: PeriodKey, evaluation: Evaluation | null): Promise<PublishedFigure[]> {
  const days = periodDays(p);
  const table = await loadOfficeTable({ scopePath: province.path }, { period: customPeriod(days.from, days.to) });
  if (!table) return [];
  const offices: PublishedFigure[] = table.lines
    .filter((l) => l.office.active || l.summary.responses > 0)
    .map((l) => ({
      unitId: l.office.id,
      name: l.office.name,
      code: l.office.code,
      ...figureNumbersOf(l.summary),
      rank: l.rank,
      totalX100: evaluation?.get(l.office.id)?.totalX100 ?? null,
      finalClass: evaluation?.get(l.office.id)?.finalClass ?? null,
    }));
  const own: PublishedFigure = { unitId: province.id, name: province.name, code: null, ...figureNumbersOf(table.total), rank: null, totalX100: null, finalClass: null };
  return [own, ...offices.filter((o) => o.unitId !== province.id)];
}

async function publish(viewer: Viewer, p: PeriodKey, evaluationPeriod: PeriodRow | null, evaluation: Evaluation | null, now: Date): Promise<Outcome> {
  const province = provinceOf(viewer)!;
  if (await getLivePublication({ provinceId: province.id, kind: p.kind, periodKey: p.key })) return { status: 'refused', message: PUBLISHING_REFUSALS.twice(p) };
  const name = (await getUnitInScope({ viewer, unitId: province.id }))?.name ?? viewer.scopeName;
  // Read before the transaction: a past period's rollups no longer change, and the write lock is not held while 3,500 offices are summed.
  const figures = await computeFigures({ ...province, name }, p, evaluation);
  return transaction(async (c) => {
    await c.lock(`publication:${province.id}:${p.key}`);
    if (await getLivePublication({ provinceId: province.id, kind: p.kind, periodKey: p.key })) return { status: 'refused', message: PUBLISHING_REFUSALS.twice(p) } as const;
    const id = await createPublication({ provinceId: province.id, kind: p.kind, periodKey: p.key, evaluationPeriodId: evaluationPeriod?.id ?? null, publishedBy: viewer.userId, now, figures });
    const offices = figures.length - 1;
    await createPublishingAuditEntry({
      actorId: viewer.userId,
      action: 'publication.publish',
      entityType: 'publication',
      entityId: id,
      unitId: province.id,
      after: { periodKey: p.key, kind: p.kind, offices, ...(evaluationPeriod ? { evaluationPeriodId: evaluationPeriod.id } : {}) },
      at: now,
    });
    return { status: 'ok', id, message: `Đã công bố kết quả ${periodLabel(p)} của ${offices} đơn vị.` } as const;
  });
}

/** Publishes a quarter once its last day is over (Vietnam time). */
export async function publishQuarter({ viewer, year, quarter, now = new Date() }: { viewer: Viewer; year: number; quarter: 1 | 2 | 3 | 4; now?: Date }): Promise<Outcome> {
  if (!provinceOf(viewer)) return { status: 'refused', message: PUBLISHING_REFUSALS.province };
  const p = quarterPeriod(year, quarter);
  if (!periodEnded(p, dayKeyOf(now))) return { status: 'refused', message: PUBLISHING_REFUSALS.notEnded(p), field: 'quarter' };
  return publish(viewer, p, null, null, now);
}

/**
 * Publishes a year with the classification of its evaluation period: only
 * once the year is over and every office of the province has its sheet
 * finalised (nothing is stored otherwise).
 */
export async function publishYear({ viewer, periodId, now = new Date() }: { viewer: Viewer; periodId: number; now?: Date }): Promise<Outcome> {
  const province = provinceOf(viewer);
  if (!province) return { status: 'refused', message: PUBLISHING_REFUSALS.province };
  const period = await getEvaluationPeriod({ viewer, periodId });
  if (!period) return { status: 'not_found' };
  if (period.unitId !== province.id) return { status: 'refused', message: PUBLISHING_REFUSALS.otherProvince, field: 'periodId' };
  const p = yearPeriodKey(period.year);
  if (!periodEnded(p, dayKeyOf(now))) return { status: 'refused', message: PUBLISHING_REFUSALS.notEnded(p), field: 'periodId' };
  const results = await loadResults(viewer, { periodId, query: {}, now });
  if (!results) return { status: 'not_found' };
  const notFinal = results.lines.filter((l) => l.status !== 'finalised').map((l) => l.name);
  if (notFinal.length) return { status: 'refused', message: PUBLISHING_REFUSALS.notFinal(p, notFinal), field: 'periodId' };
  const evaluation: Evaluation = new Map(results.lines.map((l) => [l.unitId, { totalX100: l.totalX100, finalClass: l.classification }]));
  return publish(viewer, p, period, evaluation, now);
}

/** Withdraws a live publication of the viewer's province (kept, marked withdrawn; audited). */
export async function withdrawPublication({ viewer, publicationId, now = new Date() }: { viewer: Viewer; publicationId: number; now?: Date }): Promise<Outcome> {
  const province = provinceOf(viewer);
  if (!province) return { status: 'refused', message: PUBLISHING_REFUSALS.province };
  const outcome = await transaction(async (): Promise<Outcome> => {
    if (!(await setPublicationWithdrawn({ publicationId, provinceId: province.id, now }))) return { status: 'not_found' };
    await createPublishingAuditEntry({ actorId: viewer.userId, action: 'publication.withdraw', entityType: 'publication', entityId: publicationId, unitId: province.id, at: now });
    return { status: 'ok', id: publicationId, message: 'Đã thu hồi: kỳ này không còn hiển thị trên trang công khai.' };
  });
  if (outcome.status === 'ok') forgetPublication(publicationId);
  return outcome;
}

// ---------------------------------------------------------------------------
// The assessor's page

export type PublishingPage = {
  province: { id: number; path: string } | null;
  publications: (PublicationRow & { label: string })[];
  /** Evaluation periods of the province whose year may be published (ended). */
  periods: PeriodRow[];
  /** Quarters that have ended, newest first, for the quarter form (this year and the two before). */
  quarters: { year: number; quarter: 1 | 2 | 3 | 4; label: string }[];
  examples: GoodExampleRow[];
  /** Active offices in the viewer's scope: whom a good example may be about. */
  offices: { id: number; name: string }[];
};

export async function loadPublishingPage(viewer: Viewer, now = new Date()): Promise<PublishingPage> {
  const province = provinceOf(viewer);
  const today = dayKeyOf(now);
  const year = Number(today.slice(0, 4));
  const quarters: PublishingPage['quarters'] = [];
  for (let y = year; y >= year - 2; y--) {
    for (const q of [4, 3, 2, 1] as const) {
      const p = quarterPeriod(y, q);
      if (periodEnded(p, today)) quarters.push({ year: y, quarter: q, label: periodLabel(p) });
    }
  }
  const [publications, periods, examples, offices] = await Promise.all([
    province ? listPublications({ provinceId: province.id }) : [],
    province ? listEvaluationPeriods({ viewer }) : [],
    listGoodExamples({ path: viewer.scopePath }),
    listOffices({ viewer }),
  ]);
  return {
    province,
    publications: publications.map((p) => ({ ...p, label: labelOfKey(p.periodKey, p.kind) })),
    periods: periods.filter((p) => province && p.unitId === province.id),
    quarters,
    examples,
    offices: offices.filter((o) => o.active).map((o) => ({ id: o.id, name: o.parentName ? `${o.name} (${o.parentName})` : o.name })),
  };
}

function labelOfKey(key: string, kind: 'quarter' | 'year'): string {
  if (kind === 'year') return periodLabel(yearPeriodKey(Number(key)));
  const [y, q] = key.split('-Q');
  return periodLabel(quarterPeriod(Number(y), Number(q) as 1 | 2 | 3 | 4));
}

// ---------------------------------------------------------------------------
// Good examples

async function officeInScope(viewer: Viewer, unitId: number) {
  const unit = await getUnitInScope({ viewer, unitId });
  return unit && unit.code !== null ? unit : null;
}

const exampleAudit = (input: GoodExampleInput) => ({ unitId: input.unitId, title: input.title, periodLabel: input.periodLabel, published: input.published });

/** A new good example (office in the viewer's scope; title, text and period required by the schema). */
export async function saveGoodExample({ viewer, input, exampleId, now = new Date() }: { viewer: Viewer; input: GoodExampleInput; exampleId?: number; now?: Date }): Promise<Outcome> {
  if (!(await officeInScope(viewer, input.unitId))) return { status: 'refused', message: PUBLISHING_REFUSALS.notOffice, field: 'unitId' };
  return transaction(async (): Promise<Outcome> => {
    if (exampleId === undefined) {
      const id = await createGoodExample({ ...input, createdBy: viewer.userId, now });
      await createPublishingAuditEntry({ actorId: viewer.userId, action: 'good_example.create', entityType: 'good_example', entityId: id, unitId: input.unitId, after: exampleAudit(input), at: now });
      return { status: 'ok', id, message: input.published ? 'Đã lưu và đưa gương điển hình lên trang công khai.' : 'Đã lưu gương điển hình (chưa hiển thị trên trang công khai).' };
    }
    const before = await getGoodExample({ viewer, exampleId });
    if (!before) return { status: 'not_found' };
    await updateGoodExample({ exampleId, ...input, now });
    await createPublishingAuditEntry({
      actorId: viewer.userId,
      action: 'good_example.update',
      entityType: 'good_example',
      entityId: exampleId,
      unitId: input.unitId,
      before: { unitId: before.unitId, title: before.title, periodLabel: before.periodLabel, published: before.published },
      after: exampleAudit(input),
      at: now,
    });
    return { status: 'ok', id: exampleId, message: 'Đã lưu gương điển hình.' };
  });
}

export async function publishGoodExample({ viewer, exampleId, published, now = new Date() }: { viewer: Viewer; exampleId: number; published: boolean; now?: Date }): Promise<Outcome> {
  return transaction(async (): Promise<Outcome> => {
    const example = await getGoodExample({ viewer, exampleId });
    if (!example) return { status: 'not_found' };
    await setGoodExamplePublished({ exampleId, published, now });
    await createPublishingAuditEntry({
      actorId: viewer.userId,
      action: published ? 'good_example.publish' : 'good_example.unpublish',
      entityType: 'good_example',
      entityId: exampleId,
      unitId: example.unitId,
      at: now,
    });
    return { status: 'ok', id: exampleId, message: published ? 'Gương điển hình đã hiển thị trên trang công khai.' : 'Đã gỡ gương điển hình khỏi trang công khai.' };
  });
}

export async function removeGoodExample({ viewer, exampleId, now = new Date() }: { viewer: Viewer; exampleId: number; now?: Date }): Promise<Outcome> {
  return transaction(async (): Promise<Outcome> => {
    const example = await getGoodExample({ viewer, exampleId });
    if (!example) return { status: 'not_found' };
    await deleteGoodExample({ exampleId });
    await createPublishingAuditEntry({
      actorId: viewer.userId,
      action: 'good_example.delete',
      entityType: 'good_example',
      entityId: exampleId,
      unitId: example.unitId,
      before: { title: example.title, periodLabel: example.periodLabel, published: example.published },
      at: now,
    });
    return { status: 'ok', id: exampleId, message: 'Đã xoá gương điển hình.' };
  });
}

/** A new photo (already re-encoded by server/official-photos.ts) or none. */
export async function setGoodExamplePhotoFor({ viewer, exampleId, photo, now = new Date() }: { viewer: Viewer; exampleId: number; photo: { mime: string; bytes: Buffer } | null; now?: Date }): Promise<boolean> {
  return transaction(async () => {
    const example = await getGoodExample({ viewer, exampleId });
    if (!example) return false;
    await setGoodExamplePhoto({ exampleId, photo, now });
    await createPublishingAuditEntry({
      actorId: viewer.userId,
      action: photo ? 'good_example.photo' : 'good_example.photo_delete',
      entityType: 'good_example',
      entityId: exampleId,
      unitId: example.unitId,
      at: now,
    });
    return true;
  });
}
