import type { Metadata } from 'next';
import Link from 'next/link';
import { listPosterUnitsInScope } from '@/db/queries/unit-admin';
import { requireViewer } from '@/server/auth/viewer';

export const metadata: Metadata = { title: 'Áp phích mã QR' };

export default async function PostersPage() {
  const viewer = await requireViewer('posters.print');
  const units = await listPosterUnitsInScope({ viewer });
  const total = units.reduce((n, u) => n + (u.code ? 1 : 0) + u.counters.length, 0);

  return (
    <>
      <h1>Áp phích mã QR</h1>
      <p>
        Các đơn vị và quầy đang nhận đánh giá trong phạm vi {viewer.scopeName}: {total} áp phích. Mỗi áp phích in được khổ A4 hoặc A5; mã QR
        không đổi khi đơn vị đổi tên hay chuyển đơn vị.
      </p>
      {units.length > 0 ? (
        <>
          <p>
            <Link className="button" href={`/poster/unit/${viewer.scopeUnitId}`}>
              In tất cả {total} áp phích
            </Link>
          </p>
          <table className="data row-headed">
            <caption className="visually-hidden">Áp phích theo đơn vị</caption>
            <thead>
              <tr>
                <th scope="col">Đơn vị</th>
                <th scope="col">Áp phích</th>
              </tr>
            </thead>
            <tbody>
              {units.map((u) => (
                <tr key={u.unitId}>
                  <th scope="row">
                    {u.name}
                    {u.parentName ? <span className="muted poster-list-parent">{u.parentName}</span> : null}
                  </th>
                  <td>
                    <ul className="poster-list">
                      {u.code ? <PosterLinks code={u.code} label="Cả đơn vị" place={u.name} /> : null}
                      {u.counters.map((c) => (
                        <PosterLinks key={c.id} code={c.code} label={c.name} place={`${u.name}, ${c.name}`} />
                      ))}
                    </ul>
                    <Link href={`/poster/unit/${u.unitId}`}>In tất cả áp phích của đơn vị</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <p className="muted">Chưa có đơn vị hay quầy nào đang nhận đánh giá trong phạm vi này.</p>
      )}
    </>
  );
}

function PosterLinks({ code, label, place }: { code: string; label: string; place: string }) {
  return (
    <li>
      <span>{label}</span> <code>{code}</code>{' '}
      <Link href={`/poster/${code}`} aria-label={`Áp phích khổ A4: ${place}`}>
        A4
      </Link>{' '}
      ·{' '}
      <Link href={`/poster/${code}?size=a5`} aria-label={`Áp phích khổ A5: ${place}`}>
        A5
      </Link>
    </li>
  );
}
