import Link from 'next/link';
import { formatDateTime } from '@/lib/format';

export type VersionRow = { version: number; createdAt: Date; responses: number };

/** A set's versions, newest first, with the responses each one collected. */
export function VersionsTable({ setId, versions }: { setId: number; versions: VersionRow[] }) {
  return (
    <table className="data">
      <caption className="visually-hidden">Các phiên bản, mới nhất trước</caption>
      <thead>
        <tr>
          <th scope="col">Phiên bản</th>
          <th scope="col">Tạo lúc</th>
          <th scope="col">Số phiếu đã trả lời</th>
          <th scope="col">Xem</th>
        </tr>
      </thead>
      <tbody>
        {versions.map((v, i) => (
          <tr key={v.version}>
            <td>
              {v.version} {i === 0 ? <span className="badge on">Đang dùng</span> : null}
            </td>
            <td>{formatDateTime(v.createdAt)}</td>
            <td>{v.responses.toLocaleString('vi-VN')}</td>
            <td>
              <Link href={`/quan-tri/bo-cau-hoi/${setId}/phien-ban/${v.version}`}>Xem phiên bản {v.version}</Link>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
