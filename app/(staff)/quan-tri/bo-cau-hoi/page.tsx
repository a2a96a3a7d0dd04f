import type { Metadata } from 'next';
import Link from 'next/link';
import { CopyQuestionSetForm } from '@/components/admin/question-sets/copy-question-set-form';
import { listQuestionSetsForAdmin } from '@/server/question-sets';
import { listUnitsInScope } from '@/db/queries/unit-tree';
import { unitPickerOptions } from '@/components/ui/unit-tree';
import { requireViewer } from '@/server/auth/viewer';
import { copySet } from './actions';

export const metadata: Metadata = { title: 'Bộ câu hỏi' };

export default async function QuestionSetsPage() {
  const viewer = await requireViewer('questionSets.manage');
  const sets = await listQuestionSetsForAdmin({ viewer });
  return (
    <div className="admin stack">
      <h1>Bộ câu hỏi</h1>
      <p>
        Sửa một bộ câu hỏi sẽ tạo <strong>phiên bản mới</strong>; các phiên bản cũ không bao giờ bị sửa, và mỗi phiếu đánh giá luôn gắn với phiên
        bản mà người dân đã trả lời. Số phiếu tính trong phạm vi {viewer.scopeName}. Mỗi bộ thuộc một đơn vị: bộ của đơn vị cấp trên chỉ xem và sao
        chép được; bộ sao chép thuộc {viewer.scopeName}. Chọn bộ câu hỏi cho từng đơn vị ở trang quản trị đơn vị.
      </p>
      {sets.length === 0 ? (
        <p>Chưa có bộ câu hỏi nào.</p>
      ) : (
        <table className="data">
          <caption className="visually-hidden">Các bộ câu hỏi</caption>
          <thead>
            <tr>
              <th scope="col">Tên</th>
              <th scope="col">Thuộc đơn vị</th>
              <th scope="col">Phiên bản mới nhất</th>
              <th scope="col">Số phiếu theo phiên bản</th>
            </tr>
          </thead>
          <tbody>
            {sets.map((s) => (
              <tr key={s.id}>
                <td>
                  <Link href={`/quan-tri/bo-cau-hoi/${s.id}`}>{s.name}</Link> {s.isDefault ? <span className="badge on">Mặc định</span> : null}
                </td>
                <td>
                  {s.ownerName ?? '—'}
                  {s.canChange ? null : <span className="muted"> (chỉ xem)</span>}
                </td>
                <td>{s.latestVersion ?? '—'}</td>
                <td>
                  {s.versions.length === 0 ? (
                    '—'
                  ) : (
                    <ul className="plain-list">
                      {s.versions.map((v) => (
                        <li key={v.version}>
                          Phiên bản {v.version}: {v.responses.toLocaleString('vi-VN')} phiếu
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {sets.length > 0 ? (
        <section aria-labelledby="sao-chep" className="stack">
          <h2 id="sao-chep">Tạo bộ câu hỏi mới bằng cách sao chép</h2>
          <p className="muted">
            Bộ mới thuộc {viewer.scopeName}, bắt đầu ở phiên bản 1, giống phiên bản mới nhất của bộ được chọn, và chưa được đơn vị nào dùng.
          </p>
          <CopyQuestionSetForm
            action={copySet}
            sets={sets.map((s) => ({ value: String(s.id), label: s.name }))}
            owners={unitPickerOptions(await listUnitsInScope({ viewer }))}
          />
        </section>
      ) : null}
    </div>
  );
}
