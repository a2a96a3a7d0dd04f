import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Pagination } from '@/components/admin/audit/pagination';
import { FilterNotes } from '@/components/ui/filter-notes';
import { can } from '@/lib/auth/roles';
import { formatDay } from '@/lib/evaluation/describe';
import { formatPoints } from '@/lib/evaluation/rubric';
import { formatCount, formatPercent } from '@/lib/format';
import { NOT_ENOUGH_DATA } from '@/lib/indicators/indicator';
import { PARAM_OF_STATUS, parseResultsQuery, RESULTS_PAGE_SIZE, resultsQueryString, SHEET_STATUSES, STATUS_LABELS } from '@/lib/validation/evaluation';
import type { SearchParams } from '@/lib/validation/list-filters';
import { requireViewer } from '@/server/auth/viewer';
import { loadResults, type ResultLine } from '@/server/evaluation';

export const metadata: Metadata = { title: 'Kết quả đánh giá' };

type Props = { params: Promise<{ periodId: string }>; searchParams: Promise<SearchParams> };

const STAGE_NOTES = { final: '', review: 'điểm thẩm định, chưa chốt', self: 'điểm tự chấm, chưa thẩm định' } as const;

function TotalCell({ line }: { line: ResultLine }) {
  if (line.totalX100 === null || !line.stage) return <td className="num">—</td>;
  const notes = [STAGE_NOTES[line.stage], line.missing ? `thiếu ${line.missing} tiêu chí` : ''].filter(Boolean).join('; ');
  return (
    <td className="num">
      {formatPoints(line.totalX100 / 100)}
      {notes ? <span className="cell-note">({notes})</span> : null}
    </td>
  );
}

/** The results of a period: every office in the viewer's scope with status, total, class and rank; who has not reported is visible. */
export default async function EvaluationResultsPage({ params, searchParams }: Props) {
  const viewer = await requireViewer('dashboard.read');
  const { periodId: raw } = await params;
  if (!/^[1-9]\d{0,9}$/.test(raw)) notFound();
  const periodId = Number(raw);
  const sp = await searchParams;
  const { query, page: asked, notes } = parseResultsQuery(sp);
  const results = await loadResults(viewer, { periodId, query, now: new Date() });
  if (!results) notFound();
  if (query.unitId !== undefined && !results.unit) notes.push('Không có đơn vị này trong phạm vi của Ông/Bà nên bộ lọc đơn vị đã được bỏ qua.');
  const { period, lines, counts, indicatorPeriod } = results;
  const total = Object.values(counts).reduce((s, n) => s + n, 0);
  const filters = { unitId: results.unit?.id, status: query.status };
  const exportQuery = resultsQueryString(filters);
  const pages = Math.max(1, Math.ceil(lines.length / RESULTS_PAGE_SIZE));
  const page = Math.min(asked, pages);
  const shown = lines.slice((page - 1) * RESULTS_PAGE_SIZE, page * RESULTS_PAGE_SIZE);

  return (
    <div className="admin stack">
      <p>
        <Link href="/danh-gia">← Các đợt đánh giá</Link>
      </p>
      <h1>{period.name}</h1>
      {sp.moi === '1' ? (
        <div className="notice" role="status">
          <p>Đã mở đợt đánh giá. Các đơn vị tự đánh giá tại trang phiếu của mình; xem hoặc sửa bộ tiêu chí ở mục “Bộ tiêu chí”.</p>
        </div>
      ) : null}
      <dl className="report-facts">
        <div>
          <dt>Tỉnh</dt>
          <dd>{period.unitName}</dd>
        </div>
        <div>
          <dt>Hạn tự đánh giá</dt>
          <dd>{formatDay(period.dueDate)}</dd>
        </div>
        <div>
          <dt>Số liệu hài lòng</dt>
          <dd>{indicatorPeriod ? `từ ${formatDay(indicatorPeriod.from)} đến ${formatDay(indicatorPeriod.to)}` : `năm ${period.year} chưa bắt đầu`}</dd>
        </div>
      </dl>
      <p className="report-toolbar">
        <Link href={`/danh-gia/${period.id}/tieu-chi`}>{can(viewer.role, 'evaluation.manage') && period.finalised === 0 ? 'Xem, sửa bộ tiêu chí' : 'Xem bộ tiêu chí'}</Link>
        <a href={`/danh-gia/${period.id}/ket-qua.xlsx${exportQuery}`}>Tải bảng kết quả (XLSX)</a>
      </p>
      <FilterNotes notes={notes} />

      <section aria-labelledby="tien-do" className="stack">
        <h2 id="tien-do">Tiến độ ({formatCount(total)} đơn vị)</h2>
        <ul className="eval-progress">
          {SHEET_STATUSES.map((s) => (
            <li key={s}>
              <Link href={`/danh-gia/${period.id}${resultsQueryString({ unitId: results.unit?.id, status: s })}`}>
                {STATUS_LABELS[s]}: <strong>{formatCount(counts[s])}</strong>
              </Link>
            </li>
          ))}
        </ul>
      </section>

      <form method="get" action={`/danh-gia/${period.id}`} className="inline-form labelled" aria-label="Lọc kết quả">
        <div className="field">
          <label htmlFor="loc-don-vi">Đơn vị</label>
          <select id="loc-don-vi" name="don-vi" defaultValue={results.unit ? String(results.unit.id) : ''}>
            <option value="">Tất cả</option>
            {results.units.map((u) => (
              <option key={u.id} value={u.id}>
                {'— '.repeat(u.depth)}
                {u.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="loc-trang-thai">Trạng thái</label>
          <select id="loc-trang-thai" name="trang-thai" defaultValue={query.status ? PARAM_OF_STATUS[query.status] : ''}>
            <option value="">Tất cả</option>
            {SHEET_STATUSES.map((s) => (
              <option key={s} value={PARAM_OF_STATUS[s]}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button secondary">
          Lọc
        </button>
      </form>

      <div className="table-scroll" role="region" aria-label="Bảng kết quả" tabIndex={0}>
        <table className="data eval-results">
          <caption>
            Kết quả {results.unit ? `các đơn vị thuộc ${results.unit.name}` : 'các đơn vị'}
            {query.status ? ` — ${STATUS_LABELS[query.status].toLowerCase()}` : ''} ({formatCount(lines.length)}
            {pages > 1 ? `; trang ${page}/${pages}, ${RESULTS_PAGE_SIZE} đơn vị mỗi trang` : ''})
          </caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                Hạng
              </th>
              <th scope="col">Đơn vị</th>
              <th scope="col">Trạng thái</th>
              <th scope="col" className="num">
                Tổng điểm
              </th>
              <th scope="col">Xếp loại</th>
              <th scope="col" className="num">
                Tỷ lệ hài lòng (n)
              </th>
              <th scope="col" className="num">
                Điểm hài lòng
              </th>
            </tr>
          </thead>
          <tbody>
            {lines.length === 0 ? (
              <tr>
                <td colSpan={7}>Không có đơn vị nào khớp bộ lọc.</td>
              </tr>
            ) : (
              shown.map((l) => (
                <tr key={l.unitId}>
                  <td className="num">{l.rank ?? '—'}</td>
                  <th scope="row">
                    <Link href={`/danh-gia/${period.id}/don-vi/${l.unitId}`}>{l.name}</Link>
                    {l.parentName ? <span className="cell-note">{l.parentName}</span> : null}
                  </th>
                  <td>{STATUS_LABELS[l.status]}</td>
                  <TotalCell line={l} />
                  <td>{l.classification ?? '—'}</td>
                  <td className="num">
                    {l.figure.enoughData ? formatPercent(l.figure.rate) : NOT_ENOUGH_DATA}
                    <span className="cell-note">n = {formatCount(l.figure.n)}</span>
                  </td>
                  <td className="num">{l.automaticX100 === null ? 'thẩm định chấm' : formatPoints(l.automaticX100 / 100)}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <Pagination page={page} pages={pages} hrefFor={(p) => `/danh-gia/${period.id}${resultsQueryString(filters, p)}`} />
      <p className="muted">
        Hạng xếp theo tổng điểm, chỉ các đơn vị đã chấm đủ tiêu chí; đơn vị chưa chốt xếp theo điểm hiện có (điểm hài lòng còn thay đổi đến hết năm). Tỷ lệ hài lòng là
        tỷ lệ câu “Nhìn chung…” ở mức 4–5 trong năm; dưới 30 lượt đánh giá hợp lệ là “{NOT_ENOUGH_DATA}”.
      </p>
    </div>
  );
}
