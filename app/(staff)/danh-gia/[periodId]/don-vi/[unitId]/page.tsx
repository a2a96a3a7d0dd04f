import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { FinaliseConfirmForm, ReopenForm } from '@/components/evaluation/sheet-actions';
import { SheetForm, type SheetFormRow } from '@/components/evaluation/sheet-form';
import { VisitList } from '@/components/supervision/visit-list';
import { can } from '@/lib/auth/roles';
import { describeFigure, formatDay } from '@/lib/evaluation/describe';
import { criteriaOf, formatPoints } from '@/lib/evaluation/rubric';
import { automaticPoints, finaliseProblem, fromX100 } from '@/lib/evaluation/scoring';
import { finaliseTiming, mayFinalise, tooEarlyMessage } from '@/lib/evaluation/workflow';
import { formatDateTime } from '@/lib/format';
import { STATUS_LABELS } from '@/lib/validation/evaluation';
import type { SearchParams } from '@/lib/validation/list-filters';
import { requireViewer } from '@/server/auth/viewer';
import { enterableCriteria, loadSheetPage, type SheetPage } from '@/server/evaluation';
import { loadSheetOversight, type SheetOversight } from '@/server/supervision';
import { finalise, reopen, saveReview, saveSelfAssessment } from '../../../actions';
import { SheetScoreTable } from './score-table';

export const metadata: Metadata = { title: 'Phiếu chấm điểm' };

type Props = { params: Promise<{ periodId: string; unitId: string }>; searchParams: Promise<SearchParams> };

const ID = /^[1-9]\d{0,9}$/;

/** Points ×100 as typed in a form ("12,5"): no thousands separator. */
const typed = (x100: number | null | undefined) => (x100 === null || x100 === undefined ? '' : String(x100 / 100).replace('.', ','));

function formRows(page: SheetPage, stage: 'self' | 'review'): SheetFormRow[] {
  const enterable = new Set(enterableCriteria(page).map((c) => c.key));
  return criteriaOf(page.period.rubric).map(({ group, criterion: c }) => {
    const s = page.scores.get(c.key);
    const auto = c.kind === 'automatic' ? automaticPoints(c, page.figures[c.source]) : null;
    const figure = c.kind === 'automatic' ? page.figures[c.source] : null;
    return {
      key: c.key,
      group: group.title,
      title: c.title,
      guidance: c.guidance,
      max: formatPoints(c.max),
      enterable: enterable.has(c.key),
      computed:
        figure && auto
          ? {
              points: auto.kind === 'manual' ? 'chưa đủ dữ liệu — chấm tay' : formatPoints(auto.pointsX100 / 100),
              source: describeFigure(figure),
              link: `/thong-ke/don-vi/${page.unit.id}?tu=${figure.from}&den=${figure.to}`,
            }
          : null,
      points: typed(stage === 'self' ? s?.selfPoints : (s?.reviewPoints ?? s?.selfPoints)),
      note: (stage === 'self' ? s?.selfNote : s?.reviewNote) ?? '',
      links: stage === 'self' ? (s?.selfLinks ?? []).join('\n') : '',
      self: stage === 'review' ? { points: typed(s?.selfPoints), note: s?.selfNote ?? '', links: s?.selfLinks ?? [] } : undefined,
    };
  });
}

/**
 * One office's score sheet: the office head self-assesses, the assessor
 * reviews criterion by criterion and finalises, an administrator may reopen;
 * everyone else in scope reads it.
 */
export default async function EvaluationSheetPage({ params, searchParams }: Props) {
  const viewer = await requireViewer('dashboard.read');
  const { periodId: rawPeriod, unitId: rawUnit } = await params;
  if (!ID.test(rawPeriod) || !ID.test(rawUnit)) notFound();
  const page = await loadSheetPage(viewer, { periodId: Number(rawPeriod), unitId: Number(rawUnit), now: new Date() });
  if (!page) notFound();
  const sp = await searchParams;
  const { period, unit, sheet } = page;
  const status = sheet?.status ?? 'not_started';
  const finalised = status === 'finalised';
  const maySelf = can(viewer.role, 'evaluation.selfAssess') && (status === 'not_started' || status === 'self_assessed');
  const mayReview = can(viewer.role, 'evaluation.review') && !finalised;
  const mayReopen = can(viewer.role, 'evaluation.manage') && finalised;
  const now = new Date();
  const timing = finaliseTiming(viewer.role, period.year, now);
  const showFinalise = mayFinalise(viewer.role) && !finalised && status !== 'not_started';
  const confirming = sp['xac-nhan-chot'] === '1';
  const sheetHref = `/danh-gia/${period.id}/don-vi/${unit.id}`;
  const oversight = await loadSheetOversight(viewer, { periodId: period.id, unitId: unit.id, year: period.year });

  return (
    <div className="admin stack">
      <p>
        <Link href={`/danh-gia/${period.id}`}>← {period.name}</Link>
      </p>
      <h1>Phiếu chấm điểm: {unit.name}</h1>
      {sp.chot === '1' && finalised && sheet ? (
        <div className="notice" role="status">
          <p>
            Đã chốt kết quả: {formatPoints(fromX100(sheet.finalTotal))} điểm, xếp loại {sheet.finalClass}.
          </p>
        </div>
      ) : null}
      {sp['mo-lai'] === '1' ? (
        <div className="notice" role="status">
          <p>Đã mở lại phiếu; lý do đã được ghi vào nhật ký. Cán bộ thẩm định sửa điểm và chốt lại.</p>
        </div>
      ) : null}
      <dl className="report-facts">
        <div>
          <dt>Đợt đánh giá</dt>
          <dd>
            {period.name} (hạn tự đánh giá {formatDay(period.dueDate)})
          </dd>
        </div>
        <div>
          <dt>Trạng thái</dt>
          <dd>
            <strong>{STATUS_LABELS[status]}</strong>
            {sheet?.selfAssessedAt ? ` · tự đánh giá lúc ${formatDateTime(sheet.selfAssessedAt)}` : ''}
            {sheet?.reviewedAt ? ` · thẩm định lúc ${formatDateTime(sheet.reviewedAt)}` : ''}
            {sheet?.finalisedAt ? ` · chốt lúc ${formatDateTime(sheet.finalisedAt)}` : ''}
          </dd>
        </div>
        {finalised && sheet ? (
          <div>
            <dt>Kết quả</dt>
            <dd>
              <strong>
                {formatPoints(fromX100(sheet.finalTotal))} điểm — {sheet.finalClass}
              </strong>
            </dd>
          </div>
        ) : null}
      </dl>
      <p className="report-toolbar">
        <Link href={`/danh-gia/${period.id}/don-vi/${unit.id}/in`}>Bản in phiếu chấm điểm</Link>
        <Link href={`/danh-gia/${period.id}/tieu-chi`}>Bộ tiêu chí</Link>
      </p>

      <section aria-labelledby="bang-diem" className="stack">
        <h2 id="bang-diem">Bảng điểm</h2>
        <SheetScoreTable page={page} />
      </section>

      <OversightSection oversight={oversight} year={period.year} />

      {finalised ? (
        <p className="notice">Phiếu đã được chốt: điểm đã khoá, không sửa được. {mayReopen ? '' : 'Cần sửa thì đề nghị quản trị mở lại phiếu.'}</p>
      ) : null}

      {maySelf ? (
        <section aria-labelledby="tu-danh-gia" className="admin-section stack">
          <h2 id="tu-danh-gia">Tự đánh giá</h2>
          <p className="muted">Nhập điểm, ghi chú và đường dẫn minh chứng cho từng tiêu chí; tiêu chí về sự hài lòng được tính tự động. Lưu được nhiều lần đến khi thẩm định.</p>
          <SheetForm action={saveSelfAssessment} stage="self" periodId={period.id} unitId={unit.id} rows={formRows(page, 'self')} />
        </section>
      ) : null}

      {mayReview ? (
        <>
          <section aria-labelledby="tham-dinh" className="admin-section stack">
            <h2 id="tham-dinh">Thẩm định</h2>
            <p className="muted">Điểm đơn vị tự chấm ở bên cạnh; ô điểm thẩm định điền sẵn điểm tự chấm để sửa.</p>
            <SheetForm action={saveReview} stage="review" periodId={period.id} unitId={unit.id} rows={formRows(page, 'review')} />
          </section>
        </>
      ) : null}

      {showFinalise ? (
        <section aria-labelledby="chot" className="admin-section stack" id="chot-ket-qua">
          <h2 id="chot">{confirming ? 'Xác nhận chốt kết quả' : 'Chốt kết quả'}</h2>
          <FinaliseStep page={page} timing={timing} confirming={confirming} changed={sp.doi === '1'} sheetHref={sheetHref} />
        </section>
      ) : null}

      {mayReopen ? (
        <section aria-labelledby="mo-lai" className="admin-section stack">
          <h2 id="mo-lai">Mở lại phiếu</h2>
          <ReopenForm action={reopen} periodId={period.id} unitId={unit.id} />
        </section>
      ) : null}
    </div>
  );
}

/**
 * Finalising in two steps: the section says whether the sheet can be
 * finalised now (criteria missing, year not over) and links to the
 * confirmation, which lists what will be frozen before the button that does it.
 */
function FinaliseStep({
  page,
  timing,
  confirming,
  changed,
  sheetHref,
}: {
  page: SheetPage;
  timing: ReturnType<typeof finaliseTiming>;
  confirming: boolean;
  changed: boolean;
  sheetHref: string;
}) {
  const { period, unit, review } = page;
  const problem = finaliseProblem(review);
  if (problem) return <p>{problem}</p>;
  if (timing.who === 'nobody') {
    return (
      <p className="notice" role="note">
        {tooEarlyMessage(period.year)}
      </p>
    );
  }
  const early = timing.who === 'admin_override' ? (
    <p className="notice" role="note">
      Năm {period.year} chưa kết thúc: tỷ lệ hài lòng còn thay đổi đến hết ngày {formatDay(timing.endDay)}. Chốt bây giờ là chốt sớm, chỉ quản trị được làm và phải ghi lý do.
    </p>
  ) : null;
  if (!confirming) {
    return (
      <>
        <p>
          Điểm thẩm định hiện tại: {formatPoints(review.totalX100 / 100)} điểm, xếp loại {review.classification}. Trước khi chốt, Ông/Bà sẽ xem lại bản tóm tắt.
        </p>
        {early}
        <p>
          <Link className="button" href={`${sheetHref}?xac-nhan-chot=1#chot-ket-qua`}>
            Chốt kết quả…
          </Link>
        </p>
      </>
    );
  }
  const automatic = criteriaOf(period.rubric).flatMap(({ criterion: c }) => (c.kind === 'automatic' ? [c] : []));
  return (
    <>
      {changed ? (
        <p className="notice" role="alert">
          Điểm của phiếu đã thay đổi kể từ lần xem trước; dưới đây là tổng điểm mới. Xem lại rồi xác nhận.
        </p>
      ) : null}
      <p>Tóm tắt kết quả sẽ chốt:</p>
      <dl className="report-facts">
        <div>
          <dt>Đơn vị</dt>
          <dd>{unit.name}</dd>
        </div>
        <div>
          <dt>Tổng điểm</dt>
          <dd>
            <strong>{formatPoints(review.totalX100 / 100)}</strong> / {formatPoints(period.rubric.total)} điểm
          </dd>
        </div>
        <div>
          <dt>Xếp loại</dt>
          <dd>
            <strong>{review.classification}</strong>
          </dd>
        </div>
        {review.groups.map((g) => (
          <div key={g.key}>
            <dt>{g.title}</dt>
            <dd>
              {formatPoints(g.pointsX100 / 100)} / {formatPoints(g.maxX100 / 100)} điểm
            </dd>
          </div>
        ))}
      </dl>
      <p>Khi chốt, những điều sau được khoá và ghi vào nhật ký:</p>
      <ul>
        <li>điểm thẩm định của {criteriaOf(period.rubric).length} tiêu chí;</li>
        {automatic.map((c) => (
          <li key={c.key}>
            điểm “{c.title}”: {formatPoints((page.reviewPoints.get(c.key) ?? 0) / 100)} điểm, tính từ {describeFigure(page.figures[c.source]).replace(/\.$/, '')} — không cập nhật theo các lượt
            đánh giá sau;
          </li>
        ))}
        <li>tổng điểm và xếp loại.</li>
      </ul>
      <p>Sau khi chốt, phiếu không sửa được; chỉ quản trị mở lại được (có ghi lý do).</p>
      {early}
      <FinaliseConfirmForm
        action={finalise}
        periodId={period.id}
        unitId={unit.id}
        totalX100={review.totalX100}
        override={timing.who === 'admin_override' ? { year: period.year, endDay: timing.endDay } : null}
        cancelHref={`${sheetHref}#chot-ket-qua`}
      />
    </>
  );
}

/**
 * What the assessor weighs beside the manual criteria (docs/decisions/028):
 * the supervisors' recommendations for this office and period, open and
 * closed, with the office's answers, and the integrity reports of the year.
 */
function OversightSection({ oversight, year }: { oversight: SheetOversight; year: number }) {
  const { visits, integrity } = oversight;
  const recs = (visits ?? []).flatMap((v) => v.recommendations);
  const open = recs.filter((r) => r.status !== 'done').length;
  return (
    <section aria-labelledby="giam-sat" className="admin-section stack">
      <h2 id="giam-sat">Giám sát và phản ánh liêm chính</h2>
      <dl className="report-facts">
        <div>
          <dt>Phản ánh liêm chính năm {year}</dt>
          <dd>
            <strong>{integrity.upheld} được kết luận đúng</strong> · {integrity.notUpheld} không đúng · {integrity.open} đang chờ Thanh tra kết luận
          </dd>
        </div>
        {visits ? (
          <div>
            <dt>Kiến nghị của đoàn giám sát</dt>
            <dd>
              {recs.length === 0 ? 'Không có kiến nghị nào trong đợt này.' : `${recs.length} kiến nghị: ${open} chưa thực hiện xong, ${recs.length - open} đã thực hiện xong.`}
            </dd>
          </div>
        ) : null}
      </dl>
      {visits && visits.length ? <VisitList visits={visits} /> : null}
      {visits ? (
        <p>
          <Link href="/giam-sat">Tất cả kết quả giám sát</Link>
        </p>
      ) : null}
    </section>
  );
}
