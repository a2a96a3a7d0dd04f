import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ChoiceTable } from '@/components/dashboard/choice-table';
import { ScrollRegion } from '@/components/dashboard/scroll-region';
import { PrintButton } from '@/components/poster/print-button';
import { documentDateLine, OfficialHeading } from '@/components/print/official-heading';
import { FilterNotes } from '@/components/ui/filter-notes';
import { getUnitInScope } from '@/db/queries/unit-tree';
import { getSurveyTarget } from '@/db/queries/units';
import { formatCount, formatDate, formatDateTime, formatPercent } from '@/lib/format';
import { intervalText, toQuestionRows, toSectionsProps, type RateCell } from '@/lib/indicators/chart-data';
import { ABUSE_FLAGS } from '@/lib/abuse';
import { EXCLUSION_LABELS, type ExclusionReason } from '@/lib/indicators/counts';
import { ASPECT_LABELS, DEFAULT_MIN_SAMPLE } from '@/lib/indicators/indicator';
import { dayKeyOf, dayStart, parsePeriod, periodParams } from '@/lib/indicators/periods';
import { SCALE_LABELS, SCALE_VALUES } from '@/lib/survey/scale';
import type { SearchParams } from '@/lib/validation/list-filters';
import { requireViewer } from '@/server/auth/viewer';
import { loadUnitDashboard } from '@/server/dashboard';

export const metadata: Metadata = { title: 'Bảng tổng hợp kết quả khảo sát', robots: { index: false } };

type Props = { params: Promise<{ unitId: string }>; searchParams: Promise<SearchParams> };

const REASONS: ExclusionReason[] = [...ABUSE_FLAGS, 'other'];

/** The rate cells of a row: rate with its interval and the dissatisfaction rate, or the low-data note across both. */
function RateCells({ cell }: { cell: RateCell }) {
  if (cell.rate === null) return <td colSpan={2}>{cell.note}</td>;
  return (
    <>
      <td className="num">
        {formatPercent(cell.rate)}
        <span className="cell-note">({intervalText(cell)})</span>
      </td>
      <td className="num">{formatPercent(cell.dissatisfied)}</td>
    </>
  );
}

const RATE_HEADS = (
  <>
    <th scope="col">Tỷ lệ hài lòng (khoảng tin cậy 95 %)</th>
    <th scope="col">Tỷ lệ không hài lòng</th>
  </>
);

/**
 * The printable summary Sở Nội vụ asks for: one office (and the units below
 * it) over one period, every number with its n, the definitions used and a
 * place to sign. Same loader as the dashboard, so the figures agree.
 */
export default async function SummaryReportPage({ params, searchParams }: Props) {
  const viewer = await requireViewer('dashboard.read');
  const { unitId: raw } = await params;
  if (!/^[1-9]\d{0,9}$/.test(raw)) notFound();
  const now = new Date();
  const { period, note } = parsePeriod(await searchParams, now);
  const data = await loadUnitDashboard(viewer, { unitId: Number(raw), period });
  if (!data) notFound();

  const { unit, current } = data;
  // The parent may lie outside an office head's scope; its name is no secret (it is printed on every poster).
  const parentName =
    unit.parentId == null
      ? null
      : ((await getUnitInScope({ viewer, unitId: unit.parentId }))?.name ?? (unit.code ? (await getSurveyTarget({ code: unit.code }))?.unit.parentName : null) ?? null);
  const sections = toSectionsProps(data);
  const questions = toQuestionRows(data.questions, current);
  const choices = [...sections.reasons, ...sections.choices].map((c) => c.rows);
  const periodText = `${formatDate(dayStart(period.from))} – ${formatDate(dayStart(period.to))}`;
  const back = `/thong-ke/don-vi/${unit.id}?${new URLSearchParams(periodParams(period)).toString()}`;
  const min = formatCount(DEFAULT_MIN_SAMPLE);

  return (
    <article className="report stack">
      <div className="report-toolbar no-print">
        <PrintButton label="In / Lưu PDF" />
        <Link href={back}>← Về trang thống kê của đơn vị</Link>
      </div>
      <FilterNotes notes={note ? [note] : []} />

      <OfficialHeading superior={parentName} body={unit.name} dateLine={documentDateLine(dayKeyOf(now))} />
      <header className="report-head">
        <h1>BẢNG TỔNG HỢP KẾT QUẢ KHẢO SÁT MỨC ĐỘ HÀI LÒNG</h1>
        <p>
          Kỳ báo cáo: từ {formatDate(dayStart(period.from))} đến {formatDate(dayStart(period.to))} ({formatCount(period.days)} ngày)
        </p>
        <p className="muted">Ngày in: {formatDateTime(now)} (giờ Việt Nam)</p>
      </header>

      <dl className="report-facts">
        <div>
          <dt>Đơn vị</dt>
          <dd>
            {unit.name}
            {parentName ? ` (trực thuộc ${parentName})` : ''}, gồm cả các đơn vị trực thuộc
          </dd>
        </div>
        <div>
          <dt>Số phiếu hợp lệ</dt>
          <dd>{formatCount(current.responses)}</dd>
        </div>
        <div>
          <dt>Số phiếu bị loại</dt>
          <dd>{formatCount(current.excludedResponses)}</dd>
        </div>
      </dl>
      {current.responses === 0 ? <p className="chart-note">Không có đánh giá nào trong kỳ này.</p> : null}

      <section aria-labelledby="bang-1">
        <h2 id="bang-1">1. Kết quả theo từng câu hỏi</h2>
        <ScrollRegion label="Bảng 1">
          <table className="data">
            <caption>Bảng 1. Số câu trả lời hợp lệ ở từng mức và tỷ lệ hài lòng theo câu hỏi, {periodText}</caption>
            <thead>
              <tr>
                <th scope="col">Câu hỏi</th>
                <th scope="col">Số câu trả lời hợp lệ (n)</th>
                {SCALE_VALUES.map((l) => (
                  <th scope="col" key={l}>
                    {SCALE_LABELS[l].vi} ({l})
                  </th>
                ))}
                {RATE_HEADS}
              </tr>
            </thead>
            <tbody>
              {questions.map((q) => (
                <tr key={q.key}>
                  <th scope="row">
                    Câu {q.number}. {q.text}
                  </th>
                  <td className="num">{formatCount(q.n)}</td>
                  {q.levels.map((l) => (
                    <td className="num" key={l.level}>
                      {formatCount(l.n)}
                    </td>
                  ))}
                  <RateCells cell={q} />
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </section>

      <section aria-labelledby="bang-2">
        <h2 id="bang-2">2. Kết quả theo khía cạnh và chỉ số hài lòng</h2>
        <ScrollRegion label="Bảng 2">
          <table className="data">
            <caption>Bảng 2. Tỷ lệ hài lòng theo khía cạnh và chỉ số hài lòng, {periodText}</caption>
            <thead>
              <tr>
                <th scope="col">Khía cạnh</th>
                <th scope="col">Câu hỏi</th>
                <th scope="col">Số người trả lời (n)</th>
                {RATE_HEADS}
              </tr>
            </thead>
            <tbody>
              {current.aspects.map((a) => {
                const row = sections.aspects.rows.find((r) => r.aspect === a.aspect)!;
                return (
                  <tr key={a.aspect}>
                    <th scope="row">{ASPECT_LABELS[a.aspect].vi}</th>
                    <td>{a.questionKeys.map((k) => `Câu ${data.questions.findIndex((q) => q.key === k) + 1}`).join(', ')}</td>
                    <td className="num">{formatCount(row.n)}</td>
                    <RateCells cell={row} />
                  </tr>
                );
              })}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Chỉ số hài lòng</th>
                <td colSpan={2}>
                  {current.index.value === null
                    ? '—'
                    : `Trung bình của ${current.index.aspects.length} khía cạnh đủ dữ liệu: ${current.index.aspects.map((a) => ASPECT_LABELS[a].vi).join(', ')}`}
                </td>
                <td className="num" colSpan={2}>
                  {current.index.value === null ? `Chưa đủ dữ liệu (không khía cạnh nào có từ ${min} người trả lời)` : formatPercent(current.index.value)}
                </td>
              </tr>
            </tfoot>
          </table>
        </ScrollRegion>
      </section>

      <section aria-labelledby="bang-3">
        <h2 id="bang-3">3. Kết quả theo quầy</h2>
        {sections.counters.rows.length === 0 ? (
          <p>Đơn vị chưa có quầy nào.</p>
        ) : (
          <ScrollRegion label="Bảng 3">
            <table className="data">
              <caption>Bảng 3. Tỷ lệ hài lòng chung (câu “Nhìn chung…”) theo quầy, {periodText}</caption>
              <thead>
                <tr>
                  <th scope="col">Quầy</th>
                  <th scope="col">Số phiếu hợp lệ (n)</th>
                  {RATE_HEADS}
                </tr>
              </thead>
              <tbody>
                {sections.counters.rows.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">
                      {c.name}
                      {c.active ? '' : ' (đã ngừng)'}
                    </th>
                    <td className="num">{formatCount(c.n)}</td>
                    <RateCells cell={c} />
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>

      <section aria-labelledby="bang-4">
        <h2 id="bang-4">4. Lý do chưa hài lòng và các câu hỏi lựa chọn</h2>
        {choices.length === 0 ? <p>Bộ câu hỏi không có câu hỏi lựa chọn.</p> : null}
        {choices.map((c, i) => (
          <ScrollRegion label={`Bảng 4.${i + 1}`} key={c.key}>
            <ChoiceTable
              caption={`Bảng 4.${i + 1}. ${c.text}${c.multiple ? ' (mỗi người có thể chọn nhiều; tỷ lệ trên tổng số lượt chọn)' : ''}`}
              options={c.options}
              total={c.total}
            />
          </ScrollRegion>
        ))}
      </section>

      <section aria-labelledby="bang-5">
        <h2 id="bang-5">5. Phiếu bị loại khỏi thống kê</h2>
        <p>
          {formatCount(current.excludedResponses)} phiếu bị gắn cờ nên không được tính (vẫn được lưu để kiểm tra). Một phiếu có thể mang nhiều lý do nên tổng các dòng có thể
          lớn hơn số phiếu bị loại.
        </p>
        <ScrollRegion label="Bảng 5">
          <table className="data">
            <caption>Bảng 5. Số phiếu bị loại theo lý do, {periodText}</caption>
            <thead>
              <tr>
                <th scope="col">Lý do</th>
                <th scope="col">Số phiếu</th>
              </tr>
            </thead>
            <tbody>
              {REASONS.map((r) => (
                <tr key={r}>
                  <th scope="row">{EXCLUSION_LABELS[r]}</th>
                  <td className="num">{formatCount(data.exclusions[r] ?? 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </section>

      <section aria-labelledby="dinh-nghia">
        <h2 id="dinh-nghia">6. Cách tính</h2>
        <ul className="report-definitions">
          <li>
            <strong>Câu trả lời hợp lệ</strong>: một mức từ 1 đến 5 cho một câu hỏi, của phiếu không bị gắn cờ, gửi trong kỳ báo cáo (ngày theo giờ Việt Nam).
          </li>
          <li>
            <strong>Tỷ lệ hài lòng</strong> = số câu trả lời ở mức 4 (Hài lòng) và 5 (Rất hài lòng) ÷ số câu trả lời hợp lệ. <strong>Tỷ lệ không hài lòng</strong> = số
            câu trả lời ở mức 1 và 2 ÷ số câu trả lời hợp lệ.
          </li>
          <li>
            <strong>Khoảng tin cậy 95 %</strong> theo phương pháp Wilson: với số phiếu ít, tỷ lệ thật có thể nằm bất cứ đâu trong khoảng này.
          </li>
          <li>
            <strong>Cỡ mẫu tối thiểu</strong>: dưới {min} câu trả lời hợp lệ (với khía cạnh: {min} người trả lời), tỷ lệ ghi “Chưa đủ dữ liệu” và không được xếp hạng.
          </li>
          <li>
            <strong>Khía cạnh</strong> gộp các câu hỏi cùng khía cạnh; số người trả lời n của khía cạnh là số câu trả lời lớn nhất của một câu trong đó.{' '}
            <strong>Chỉ số hài lòng</strong> là trung bình tỷ lệ hài lòng của các khía cạnh đủ dữ liệu.
          </li>
          <li>
            <strong>Phiếu bị gắn cờ</strong> (đánh giá lặp lại từ một thiết bị, dồn dập từ một mạng hoặc máy kiosk, từ thiết bị của cán bộ) được lưu nhưng không tính vào
            các tỷ lệ trên.
          </li>
          <li>Tỷ lệ ở đây tính theo người đánh giá, khác tỷ lệ theo hồ sơ của Quyết định 766/QĐ-TTg.</li>
        </ul>
      </section>

      <div className="report-signatures">
        <div>
          <p>&nbsp;</p>
          <p>
            <strong>Người lập biểu</strong>
          </p>
          <p className="muted">(Ký, ghi rõ họ tên)</p>
          <div className="sign-space" />
        </div>
        <div>
          <p>
            <em>……………, ngày …… tháng …… năm ……</em>
          </p>
          <p>
            <strong>Thủ trưởng cơ quan</strong>
          </p>
          <p className="muted">(Ký, ghi rõ họ tên, đóng dấu)</p>
          <div className="sign-space" />
        </div>
      </div>
    </article>
  );
}
