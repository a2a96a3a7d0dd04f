import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PrintButton } from '@/components/poster/print-button';
import { documentDateLine, OfficialHeading } from '@/components/print/official-heading';
import { formatDay } from '@/lib/evaluation/describe';
import { formatCount, formatPercent } from '@/lib/format';
import { NOT_ENOUGH_DATA } from '@/lib/indicators/indicator';
import { requireViewer } from '@/server/auth/viewer';
import { loadProposal } from '@/server/recognition';

export const metadata: Metadata = { title: 'Tờ trình đề nghị khen thưởng (bản in)', robots: { index: false } };

type Props = { params: Promise<{ roundId: string }> };

/**
 * The proposal (tờ trình) of a round in the layout of an official document:
 * the national heading, the lists of collectives and of individuals with
 * their forms and reasons; individual figures marked advisory. A draft says
 * so until the list is compiled.
 */
export default async function ProposalPrintPage({ params }: Props) {
  const viewer = await requireViewer('recognition.manage');
  const { roundId } = await params;
  if (!/^[1-9]\d{0,9}$/.test(roundId)) notFound();
  const proposal = await loadProposal(viewer, Number(roundId));
  if (!proposal) notFound();
  const { round, collectives, individuals } = proposal;
  const draft = round.status === 'open';
  const formOf = (n: { formName: string; awardedFormName: string | null }) => n.awardedFormName ?? n.formName;

  return (
    <div className="report eval-print stack">
      <div className="report-toolbar">
        <Link href={`/khen-thuong/${round.id}`}>← Về đợt khen thưởng</Link>
        <PrintButton label="In tờ trình" />
      </div>
      <OfficialHeading superior={`UBND ${round.period.unitName}`} body="SỞ NỘI VỤ" dateLine={documentDateLine(round.submissionDate)} />
      <p>Số: {round.submissionNumber ?? '………/TTr-SNV'}</p>
      <div className="report-head">
        <h1>TỜ TRÌNH</h1>
        <p>
          <strong>
            Về việc đề nghị khen thưởng tập thể, cá nhân có thành tích xuất sắc trong thực hiện mô hình “Công sở thân thiện vì Nhân dân phục vụ” năm {round.period.year}
          </strong>
        </p>
        {draft ? <p className="eval-draft">BẢN DỰ THẢO — CHƯA LẬP TỜ TRÌNH</p> : null}
      </div>
      <p>Kính gửi: Chủ tịch Ủy ban nhân dân {round.period.unitName.replace(/^Tỉnh /, 'tỉnh ')}.</p>
      <p>
        Căn cứ kết quả đánh giá, xếp loại mức độ thực hiện mô hình năm {round.period.year} ({round.period.name}), Sở Nội vụ kính đề nghị khen thưởng{' '}
        {formatCount(collectives.length)} tập thể và {formatCount(individuals.length)} cá nhân sau đây:
      </p>
      {round.decisionNumber ? (
        <p>
          Đã có Quyết định khen thưởng số {round.decisionNumber} ngày {formatDay(round.decisionDate!)}.
        </p>
      ) : null}

      <h2>I. Tập thể</h2>
      {collectives.length === 0 ? (
        <p>Không có.</p>
      ) : (
        <table className="data">
          <caption className="visually-hidden">Danh sách tập thể</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                STT
              </th>
              <th scope="col">Tên tập thể</th>
              <th scope="col">Hình thức khen thưởng</th>
              <th scope="col">Thành tích</th>
            </tr>
          </thead>
          <tbody>
            {collectives.map((n, i) => (
              <tr key={n.id}>
                <td className="num">{i + 1}</td>
                <th scope="row">{n.unitName}</th>
                <td>{formOf(n)}</td>
                <td>{n.reasons}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>II. Cá nhân</h2>
      {individuals.length === 0 ? (
        <p>Không có.</p>
      ) : (
        <>
          <table className="data">
            <caption className="visually-hidden">Danh sách cá nhân</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  STT
                </th>
                <th scope="col">Họ và tên, chức vụ, đơn vị</th>
                <th scope="col">Hình thức khen thưởng</th>
                <th scope="col">Thành tích</th>
                <th scope="col">Ý kiến người dân năm {round.period.year} (tham khảo)</th>
              </tr>
            </thead>
            <tbody>
              {individuals.map((n, i) => (
                <tr key={n.id}>
                  <td className="num">{i + 1}</td>
                  <th scope="row">
                    {n.officialName}
                    <span className="cell-note">
                      {n.officialPosition ? `${n.officialPosition}, ` : ''}
                      {n.unitName}
                    </span>
                  </th>
                  <td>{formOf(n)}</td>
                  <td>{n.reasons}</td>
                  <td>
                    {n.figures
                      ? `${n.figures.enoughData && n.figures.rate !== null ? `${formatPercent(n.figures.rate)} hài lòng` : NOT_ENOUGH_DATA}, n = ${formatCount(n.figures.n)}`
                      : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">
            Số liệu ý kiến người dân của cá nhân chỉ để tham khảo: đánh giá tại một quầy còn phản ánh thời gian chờ và thủ tục, không chỉ người phục vụ.
          </p>
        </>
      )}
      <div className="report-signatures eval-sign-single">
        <div>
          <p>
            <em>Nơi nhận:</em>
          </p>
          <p>- Như trên;</p>
          <p>- Lưu: VT.</p>
        </div>
        <div>
          <p>
            <strong>GIÁM ĐỐC</strong>
          </p>
          <p>
            <em>(Ký, ghi rõ họ tên, đóng dấu)</em>
          </p>
          <div className="sign-space" />
        </div>
      </div>
    </div>
  );
}
