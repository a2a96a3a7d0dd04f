import Link from 'next/link';
import type { DossierIndex } from '@/lib/dossier-rating';
import { formatCount, formatPercent } from '@/lib/format';

type Office = { id: number; name: string; index: DossierIndex };

/**
 * Decision 766/QĐ-TTg's per-dossier index, shown apart from the
 * respondent-based rate (docs/decisions/027): its definition, its n (dossiers
 * returned in the period), the response rate, and, for several offices, a
 * table of them. Complaints are not recorded here, which the note says.
 */
export function DossierIndexSection({ total, offices, officeHref }: { total: DossierIndex; offices: Office[]; officeHref?: (id: number) => string }) {
  return (
    <section aria-labelledby="chi-so-766" className="dossier-index">
      <h2 id="chi-so-766">Chỉ số hài lòng theo hồ sơ (QĐ 766)</h2>
      {total.n === 0 ? (
        <p className="muted">Không có hồ sơ nào được trả kết quả trong kỳ (hồ sơ do hệ thống một cửa điện tử hoặc tệp CSV đăng ký).</p>
      ) : (
        <div className="cards">
          <article className="card">
            <h3 className="card-title">Chỉ số hài lòng theo hồ sơ</h3>
            <p className="card-value">{formatPercent(total.index)}</p>
            <p className="card-sub">
              n = {formatCount(total.n)} hồ sơ đã trả kết quả · {formatCount(total.notSatisfied)} hồ sơ bị đánh giá không hài lòng hoặc trễ hẹn
            </p>
          </article>
          <article className="card">
            <h3 className="card-title">Tỷ lệ hồ sơ được đánh giá</h3>
            <p className="card-value">{formatPercent(total.responseRate)}</p>
            <p className="card-sub">
              {formatCount(total.rated)} / {formatCount(total.n)} hồ sơ đã trả kết quả có đánh giá
            </p>
          </article>
        </div>
      )}
      {offices.length > 1 ? (
        <table className="table">
          <caption>Chỉ số theo hồ sơ của từng đơn vị</caption>
          <thead>
            <tr>
              <th scope="col">Đơn vị</th>
              <th scope="col">Hồ sơ đã trả (n)</th>
              <th scope="col">Có đánh giá</th>
              <th scope="col">Tỷ lệ được đánh giá</th>
              <th scope="col">Không hài lòng hoặc trễ hẹn</th>
              <th scope="col">Chỉ số theo hồ sơ</th>
            </tr>
          </thead>
          <tbody>
            {offices.map((o) => (
              <tr key={o.id}>
                <th scope="row">{officeHref ? <Link href={officeHref(o.id)}>{o.name}</Link> : o.name}</th>
                <td>{formatCount(o.index.n)}</td>
                <td>{formatCount(o.index.rated)}</td>
                <td>{formatPercent(o.index.responseRate)}</td>
                <td>{formatCount(o.index.notSatisfied)}</td>
                <td>{formatPercent(o.index.index)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <p className="muted definitions">
        Chỉ số theo hồ sơ (Quyết định 766/QĐ-TTg) = số hồ sơ đã trả kết quả trong kỳ, trừ hồ sơ bị đánh giá không hài lòng (có câu trả lời mức 1–2) hoặc trả
        kết quả trễ hẹn, chia cho số hồ sơ đã trả kết quả trong kỳ. Khác với tỷ lệ hài lòng theo phiếu ở trên. Phản ánh, kiến nghị về hồ sơ không được ghi nhận
        trong hệ thống này nên không được trừ. Tỷ lệ được đánh giá = số hồ sơ có đánh giá chia cho số hồ sơ đã trả kết quả.
      </p>
    </section>
  );
}
