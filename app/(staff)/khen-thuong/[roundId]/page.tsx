import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ActionForm, type FieldSpec } from '@/components/recognition/action-form';
import { formatDay } from '@/lib/evaluation/describe';
import { formatPoints } from '@/lib/evaluation/rubric';
import { formatCount, formatPercent } from '@/lib/format';
import { NOT_ENOUGH_DATA } from '@/lib/indicators/indicator';
import { describeRule, SATISFACTION_MEASURE_LABELS, type Eligibility, type OfficialFigures } from '@/lib/recognition/rules';
import { AWARD_FIELD_PREFIX, CLASS_FIELD_PREFIX, NOMINATION_STATUS_LABELS, ROUND_STATUS_LABELS } from '@/lib/validation/recognition';
import { requireViewer } from '@/server/auth/viewer';
import { loadRoundPage, type NominationLine } from '@/server/recognition';
import { compileAction, decideAction, nominateAction, nominateCollectiveAction, reviewAction, saveRulesAction } from '../actions';

export const metadata: Metadata = { title: 'Đợt khen thưởng' };

type Props = { params: Promise<{ roundId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const ADVISORY_NOTE =
  'Số liệu hài lòng của cá nhân chỉ để tham khảo, không phải căn cứ duy nhất: đánh giá tại một quầy còn phản ánh thời gian chờ và thủ tục, không chỉ người phục vụ.';

function FiguresCell({ f }: { f: OfficialFigures | null }) {
  if (!f) return <td>—</td>;
  return (
    <td>
      {f.enoughData && f.rate !== null ? formatPercent(f.rate) : NOT_ENOUGH_DATA}
      <span className="cell-note">n = {formatCount(f.n)}</span>
      {f.low !== null && f.high !== null ? (
        <span className="cell-note">
          khoảng tin cậy 95 %: {formatPercent(f.low)} – {formatPercent(f.high)}
        </span>
      ) : null}
      <span className="cell-note">{f.enoughData ? `Đủ cỡ mẫu tối thiểu (${f.minSample})` : `Chưa đủ cỡ mẫu tối thiểu (${f.minSample})`}</span>
    </td>
  );
}

const CHECK_MARK = { pass: 'Đạt', fail: 'Chưa đạt', unchecked: 'Chưa kiểm tra được' } as const;

function EligibilityCell({ e }: { e: Eligibility }) {
  return (
    <td>
      <strong>{e.eligible ? 'Đủ tiêu chuẩn' : 'Chưa đủ tiêu chuẩn'}</strong>
      <ul className="plain-list">
        {e.checks.map((c) => (
          <li key={c.rule}>
            {CHECK_MARK[c.status]}: {c.message}
          </li>
        ))}
      </ul>
    </td>
  );
}

function Links({ links }: { links: string[] }) {
  if (!links.length) return null;
  return (
    <ul className="plain-list">
      {links.map((l) => (
        <li key={l}>
          <a href={l} rel="noopener noreferrer nofollow" target="_blank">
            Minh chứng: {l}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** A round: its rules, who is nominated (within the viewer's scope), the review, the proposal and the decision. */
export default async function RoundPage({ params, searchParams }: Props) {
  const viewer = await requireViewer();
  const { roundId: raw } = await params;
  const sp = await searchParams;
  if (!/^[1-9]\d{0,9}$/.test(raw)) notFound();
  const page = await loadRoundPage(viewer, Number(raw));
  if (!page) notFound();
  const { round, mayManage, mayNominate, provinceWide, collectives, individuals, forms, candidates, nominees, notFinalOffices } = page;
  const open = round.status === 'open';
  const activeForms = (kind: 'collective' | 'individual') => forms.filter((f) => f.active && f.kind === kind).map((f) => ({ value: String(f.id), label: f.name }));
  const rid = String(round.id);
  const satisfaction = round.rules.individual.find((r) => r.kind === 'minSatisfaction');
  const minRatings = round.rules.individual.find((r) => r.kind === 'minRatings');
  const chosenClasses = round.rules.collective[0]?.classes ?? [];
  const accepted = [...collectives, ...individuals].filter((n) => n.status === 'accepted');

  const reviewForm = (n: NominationLine) => (
    <ActionForm
      action={reviewAction}
      label={`Xem xét đề nghị: ${n.officialName ?? n.unitName}`}
      submit="Ghi kết luận"
      idPrefix={`xx-${n.id}`}
      secondary
      fields={[
        { kind: 'hidden', name: 'nominationId', value: String(n.id) },
        {
          kind: 'select',
          name: 'verdict',
          label: 'Kết luận',
          options: [
            { value: 'accepted', label: 'Đồng ý đề nghị' },
            { value: 'rejected', label: 'Không đồng ý' },
          ],
          defaultValue: n.status === 'rejected' ? 'rejected' : 'accepted',
        },
        { kind: 'text', name: 'note', label: 'Ghi chú', defaultValue: n.reviewNote ?? '', maxLength: 1000 },
      ]}
    />
  );

  return (
    <div className="admin stack">
      <p>
        <Link href="/khen-thuong">← Các đợt khen thưởng</Link>
      </p>
      <h1>Khen thưởng — {round.period.name}</h1>
      <dl className="report-facts">
        <div>
          <dt>Trạng thái</dt>
          <dd>{ROUND_STATUS_LABELS[round.status]}</dd>
        </div>
        <div>
          <dt>Tờ trình</dt>
          <dd>{round.submissionNumber ? `Số ${round.submissionNumber} ngày ${formatDay(round.submissionDate!)}` : 'Chưa lập'}</dd>
        </div>
        <div>
          <dt>Quyết định</dt>
          <dd>{round.decisionNumber ? `Số ${round.decisionNumber} ngày ${formatDay(round.decisionDate!)}` : 'Chưa có'}</dd>
        </div>
      </dl>
      {sp['lap-to-trinh'] === '1' && round.status !== 'open' ? (
        <div className="notice" role="status">
          <p>Đã lập tờ trình đề nghị khen thưởng.</p>
        </div>
      ) : null}
      {sp['quyet-dinh'] === '1' && round.status === 'decided' ? (
        <div className="notice" role="status">
          <p>Đã ghi quyết định khen thưởng. Đợt khen thưởng đã khoá.</p>
        </div>
      ) : null}
      {round.status === 'decided' ? (
        <div className="notice">
          <p>Đợt khen thưởng đã có quyết định nên đã khoá: không thêm, sửa hay xem xét lại đề nghị được nữa.</p>
        </div>
      ) : null}
      {mayManage ? (
        <p className="report-toolbar">
          <Link href={`/khen-thuong/${rid}/in`}>In tờ trình</Link>
          <a href={`/khen-thuong/${rid}/to-trinh.xlsx`}>Tải danh sách đề nghị (XLSX)</a>
        </p>
      ) : null}

      <section aria-labelledby="tieu-chuan" className="admin-section stack">
        <h2 id="tieu-chuan">Tiêu chuẩn khen thưởng</h2>
        <h3>Cá nhân</h3>
        <ul>
          {round.rules.individual.map((r) => (
            <li key={r.kind}>
              {describeRule(r)}
              {r.kind === 'noUpheldIntegrityReport' ? ' — kiểm tra theo các phản ánh liêm chính được Thanh tra kết luận đúng về các lượt đánh giá gắn với cán bộ.' : ''}
            </li>
          ))}
          {round.rules.individual.length === 0 ? <li>Không đặt tiêu chuẩn.</li> : null}
        </ul>
        <h3>Tập thể</h3>
        <ul>
          {round.rules.collective.map((r) => (
            <li key={r.kind}>{describeRule(r)}</li>
          ))}
        </ul>
        {mayManage && provinceWide && open ? (
          <ActionForm
            action={saveRulesAction}
            label="Sửa tiêu chuẩn khen thưởng"
            submit="Lưu tiêu chuẩn"
            idPrefix="tc"
            secondary
            fields={[
              { kind: 'hidden', name: 'roundId', value: rid },
              { kind: 'text', name: 'minRatings', label: 'Số lượt đánh giá tối thiểu của cá nhân trong năm', inputMode: 'numeric', defaultValue: minRatings ? String(minRatings.min) : '', hint: 'Để trống nếu không áp dụng.' },
              {
                kind: 'text',
                name: 'minRate',
                label: 'Tỷ lệ hài lòng tối thiểu (%)',
                defaultValue: satisfaction ? String(Math.round(satisfaction.min * 10_000) / 100).replace('.', ',') : '',
                hint: 'Để trống nếu không áp dụng.',
              },
              {
                kind: 'select',
                name: 'measure',
                label: 'So sánh với',
                options: [
                  { value: 'lowerBound', label: SATISFACTION_MEASURE_LABELS.lowerBound },
                  { value: 'rate', label: SATISFACTION_MEASURE_LABELS.rate },
                ],
                defaultValue: satisfaction?.measure ?? 'lowerBound',
                hint: 'Cận dưới khoảng tin cậy tính đến số lượt đánh giá: ít lượt thì cận dưới thấp, nên khó đạt hơn với số liệu chưa chắc chắn.',
              },
              { kind: 'checkbox', name: 'integrity', label: 'Không có phản ánh về liêm chính được xác minh là đúng', defaultChecked: round.rules.individual.some((r) => r.kind === 'noUpheldIntegrityReport') },
              ...page.classes.map((c): FieldSpec => ({ kind: 'checkbox', name: `${CLASS_FIELD_PREFIX}${encodeURIComponent(c)}`, label: `Tập thể xếp loại “${c}” được đề nghị`, defaultChecked: chosenClasses.includes(c) })),
            ]}
          />
        ) : null}
      </section>

      {mayNominate && open ? (
        <section aria-labelledby="de-nghi-ca-nhan" className="admin-section stack">
          <h2 id="de-nghi-ca-nhan">Gửi đề nghị khen thưởng cá nhân</h2>
          <p className="muted">{ADVISORY_NOTE} Số liệu của năm {round.period.year} được đính kèm tự động khi gửi đề nghị.</p>
          {notFinalOffices.length ? <p>Chưa đề nghị được cho {notFinalOffices.join(', ')}: kết quả đánh giá của đơn vị chưa được chốt.</p> : null}
          {nominees.length === 0 ? (
            <p>Không còn cán bộ nào có thể đề nghị (cán bộ đang hoạt động của đơn vị đã chốt kết quả, chưa được đề nghị).</p>
          ) : (
            <ActionForm
              action={nominateAction}
              label="Đề nghị khen thưởng cá nhân"
              submit="Gửi đề nghị"
              pending="Đang gửi…"
              idPrefix="dn"
              fields={[
                { kind: 'hidden', name: 'roundId', value: rid },
                { kind: 'select', name: 'officialId', label: 'Cán bộ', options: nominees.map((o) => ({ value: String(o.id), label: o.label })), placeholder: '— Chọn cán bộ —' },
                { kind: 'select', name: 'formId', label: 'Hình thức đề nghị', options: activeForms('individual'), placeholder: '— Chọn hình thức —' },
                { kind: 'textarea', name: 'reasons', label: 'Thành tích, lý do đề nghị', rows: 4 },
                { kind: 'textarea', name: 'evidence', label: 'Đường dẫn minh chứng', hint: 'Mỗi dòng một đường dẫn http(s), tối đa 5.', rows: 2 },
              ]}
            />
          )}
        </section>
      ) : null}

      {mayManage && open ? (
        <section aria-labelledby="don-vi-xuat-sac" className="admin-section stack">
          <h2 id="don-vi-xuat-sac">Đơn vị đủ điều kiện khen thưởng tập thể</h2>
          {candidates.length === 0 ? (
            <p>Chưa có đơn vị nào đã chốt kết quả với xếp loại đạt tiêu chuẩn.</p>
          ) : (
            <div className="table-scroll" role="region" aria-label="Đơn vị đủ điều kiện" tabIndex={0}>
              <table className="data">
                <thead>
                  <tr>
                    <th scope="col">Đơn vị</th>
                    <th scope="col" className="num">
                      Tổng điểm
                    </th>
                    <th scope="col">Xếp loại</th>
                    <th scope="col">Đề nghị</th>
                  </tr>
                </thead>
                <tbody>
                  {candidates.map((c) => (
                    <tr key={c.unitId}>
                      <th scope="row">{c.name}</th>
                      <td className="num">{c.finalTotal === null ? '—' : formatPoints(c.finalTotal / 100)}</td>
                      <td>{c.finalClass}</td>
                      <td>
                        {c.nominated ? (
                          'Đã đề nghị'
                        ) : (
                          <ActionForm
                            action={nominateCollectiveAction}
                            label={`Đề nghị khen thưởng tập thể ${c.name}`}
                            submit="Đề nghị khen thưởng tập thể"
                            idPrefix={`tt-${c.unitId}`}
                            secondary
                            fields={[
                              { kind: 'hidden', name: 'roundId', value: rid },
                              { kind: 'hidden', name: 'unitId', value: String(c.unitId) },
                              { kind: 'select', name: 'formId', label: 'Hình thức', options: activeForms('collective') },
                              {
                                kind: 'hidden',
                                name: 'reasons',
                                value: `Đạt xếp loại “${c.finalClass}” trong đánh giá mức độ thực hiện mô hình năm ${round.period.year}${c.finalTotal === null ? '' : ` với ${formatPoints(c.finalTotal / 100)} điểm`}.`,
                              },
                            ]}
                          />
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ) : null}

      <section aria-labelledby="tap-the" className="admin-section stack">
        <h2 id="tap-the">Đề nghị khen thưởng tập thể ({formatCount(collectives.length)})</h2>
        {collectives.length === 0 ? (
          <p>Chưa có đề nghị nào.</p>
        ) : (
          <div className="table-scroll" role="region" aria-label="Đề nghị khen thưởng tập thể" tabIndex={0}>
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">Đơn vị</th>
                  <th scope="col">Hình thức</th>
                  <th scope="col">Lý do</th>
                  <th scope="col">Tiêu chuẩn</th>
                  <th scope="col">Kết luận</th>
                </tr>
              </thead>
              <tbody>
                {collectives.map((n) => (
                  <tr key={n.id}>
                    <th scope="row">{n.unitName}</th>
                    <td>
                      {n.formName}
                      {n.awardedFormName ? <span className="cell-note">Được khen: {n.awardedFormName}</span> : null}
                    </td>
                    <td>{n.reasons}</td>
                    <EligibilityCell e={n.eligibility} />
                    <td>
                      {NOMINATION_STATUS_LABELS[n.status]}
                      {n.reviewNote ? <span className="cell-note">{n.reviewNote}</span> : null}
                      {mayManage && open ? reviewForm(n) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="ca-nhan" className="admin-section stack">
        <h2 id="ca-nhan">Đề nghị khen thưởng cá nhân ({formatCount(individuals.length)})</h2>
        {individuals.length ? <p className="muted">{ADVISORY_NOTE}</p> : null}
        {individuals.length === 0 ? (
          <p>Chưa có đề nghị nào.</p>
        ) : (
          <div className="table-scroll" role="region" aria-label="Đề nghị khen thưởng cá nhân" tabIndex={0}>
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">Cán bộ</th>
                  <th scope="col">Hình thức</th>
                  <th scope="col">Lý do, minh chứng</th>
                  <th scope="col">Số liệu năm {round.period.year} (tham khảo)</th>
                  <th scope="col">Tiêu chuẩn</th>
                  <th scope="col">Kết luận</th>
                </tr>
              </thead>
              <tbody>
                {individuals.map((n) => (
                  <tr key={n.id}>
                    <th scope="row">
                      {n.officialName}
                      <span className="cell-note">
                        {n.officialPosition ? `${n.officialPosition}, ` : ''}
                        {n.unitName}
                      </span>
                    </th>
                    <td>
                      {n.formName}
                      {n.awardedFormName ? <span className="cell-note">Được khen: {n.awardedFormName}</span> : null}
                    </td>
                    <td>
                      {n.reasons}
                      <Links links={n.evidenceLinks} />
                    </td>
                    <FiguresCell f={n.figures} />
                    <EligibilityCell e={n.eligibility} />
                    <td>
                      {NOMINATION_STATUS_LABELS[n.status]}
                      {n.reviewNote ? <span className="cell-note">{n.reviewNote}</span> : null}
                      {mayManage && open ? reviewForm(n) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {mayManage && provinceWide && open ? (
        <section aria-labelledby="lap-to-trinh" className="admin-section stack">
          <h2 id="lap-to-trinh">Lập tờ trình</h2>
          <p className="muted">Lập được khi mọi đề nghị đã được xem xét và kết quả đánh giá của các đơn vị được đề nghị vẫn ở trạng thái đã chốt. Sau khi lập, danh sách không sửa được nữa.</p>
          <ActionForm
            action={compileAction}
            label="Lập tờ trình đề nghị khen thưởng"
            submit="Lập tờ trình"
            idPrefix="lt"
            fields={[
              { kind: 'hidden', name: 'roundId', value: rid },
              { kind: 'text', name: 'submissionNumber', label: 'Số tờ trình', maxLength: 50, hint: 'Ví dụ 125/TTr-SNV.' },
              { kind: 'date', name: 'submissionDate', label: 'Ngày tờ trình' },
            ]}
          />
        </section>
      ) : null}

      {mayManage && provinceWide && round.status === 'compiled' ? (
        <section aria-labelledby="quyet-dinh" className="admin-section stack">
          <h2 id="quyet-dinh">Ghi quyết định khen thưởng</h2>
          <p className="muted">Sau khi ghi quyết định, đợt khen thưởng bị khoá.</p>
          <ActionForm
            action={decideAction}
            label="Ghi quyết định khen thưởng"
            submit="Ghi quyết định"
            idPrefix="qd"
            fields={[
              { kind: 'hidden', name: 'roundId', value: rid },
              { kind: 'text', name: 'decisionNumber', label: 'Số quyết định', maxLength: 50, hint: 'Ví dụ 2001/QĐ-UBND.' },
              { kind: 'date', name: 'decisionDate', label: 'Ngày quyết định' },
              ...accepted.map(
                (n): FieldSpec => ({ kind: 'select', name: `${AWARD_FIELD_PREFIX}${n.id}`, label: `Hình thức được khen: ${n.officialName ?? n.unitName}`, options: activeForms(n.kind), defaultValue: String(n.formId) }),
              ),
            ]}
          />
        </section>
      ) : null}
    </div>
  );
}
