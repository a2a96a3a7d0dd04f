import type { ReactNode } from 'react';

/**
 * The heading of a Vietnamese administrative document (Decree 30/2020/NĐ-CP,
 * Appendix I): on the left the issuing body under its superior, on the right
 * the national title (quốc hiệu) and motto (tiêu ngữ), then the place and
 * date. Shared by every printable report so they all look alike.
 */
export function OfficialHeading({ superior, body, dateLine }: { superior: string | null; body: ReactNode; dateLine: string }) {
  return (
    <div className="eval-print-head">
      <div>
        {superior ? <p>{superior.toUpperCase()}</p> : null}
        <p>
          <strong className="document-body">{body}</strong>
        </p>
      </div>
      <div>
        <p>
          <strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong>
        </p>
        <p>
          <strong className="eval-motto">Độc lập - Tự do - Hạnh phúc</strong>
        </p>
        <p className="eval-date">{dateLine}</p>
      </div>
    </div>
  );
}

/** "…………, ngày 05 tháng 12 năm 2026" for a Vietnamese day key, or blanks to fill by hand. */
export function documentDateLine(day: string | null): string {
  if (!day) return '…………, ngày …… tháng …… năm ………';
  const [y, m, d] = day.split('-');
  return `…………, ngày ${d} tháng ${m} năm ${y}`;
}
