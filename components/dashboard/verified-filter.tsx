import Link from 'next/link';
import { dashboardQueryString, type DashboardQuery } from '@/lib/validation/dashboard';

/**
 * Every rating, or only the verified ones (given through a dossier's link,
 * channel 'dossier', docs/decisions/027): two links, the state in the URL.
 */
export function VerifiedFilter({ basePath, query }: { basePath: string; query: DashboardQuery }) {
  return (
    <nav aria-label="Loại đánh giá" className="verified-filter no-print">
      <ul className="period-presets">
        <li>
          <Link href={`${basePath}?${dashboardQueryString(query, { verified: false })}`} aria-current={query.verified ? undefined : 'true'}>
            Mọi đánh giá
          </Link>
        </li>
        <li>
          <Link href={`${basePath}?${dashboardQueryString(query, { verified: true })}`} aria-current={query.verified ? 'true' : undefined}>
            Chỉ đánh giá xác thực (theo hồ sơ)
          </Link>
        </li>
      </ul>
      {query.verified ? (
        <p className="muted">
          Đang hiển thị chỉ các đánh giá gửi qua đường dẫn riêng của từng hồ sơ. Lý do chưa hài lòng, phiếu bị gắn cờ và góp ý không tách được theo loại đánh giá nên
          không hiển thị ở chế độ này.
        </p>
      ) : null}
    </nav>
  );
}
