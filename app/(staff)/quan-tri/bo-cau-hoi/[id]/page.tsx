import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { QuestionList } from '@/components/admin/question-sets/question-list';
import { ButtonForm } from '@/components/admin/units/button-form';
import { QuestionSetEditForm } from '@/components/admin/question-sets/question-set-edit-form';
import { VersionsTable } from '@/components/admin/question-sets/versions-table';
import { AssignSetToUnitForm } from '@/components/admin/question-sets/assign-set-to-unit-form';
import { getQuestionSetAssignments, getQuestionSetForAdmin, listQuestionSetVersions } from '@/server/question-sets';
import { formatDateTime } from '@/lib/format';
import { editableQuestions } from '@/lib/validation/question-sets';
import { requireViewer } from '@/server/auth/viewer';
import { assignSetToUnit, makeDefaultSet, saveQuestionSetVersion } from '../actions';
import { assignQuestionSetAction } from '../../don-vi/question-set-actions';

export const metadata: Metadata = { title: 'Bộ câu hỏi' };

export default async function QuestionSetPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requireViewer('questionSets.manage');
  const { id } = await params;
  if (!/^[1-9]\d{0,9}$/.test(id)) notFound();
  const set = await getQuestionSetForAdmin({ viewer, questionSetId: Number(id) });
  if (!set) notFound();
  const versions = await listQuestionSetVersions({ questionSetId: set.id });
  const assignments = await getQuestionSetAssignments({ viewer, questionSetId: set.id });
  const assignable = assignments?.tree.some((u) => u.pickable) ?? false;
  const latest = versions.at(-1);
  const latestSummary = set.versions[0];
  const { moi } = await searchParams;
  const justSaved = typeof moi === 'string' && latest && moi === String(latest.version);

  return (
    <div className="admin stack">
      <p>
        <Link href="/quan-tri/bo-cau-hoi">← Bộ câu hỏi</Link>
      </p>
      <h1>
        {set.name} {set.isDefault ? <span className="badge on">Mặc định</span> : null}
      </h1>
      <p className="muted">Thuộc {set.ownerName ?? 'cấp tỉnh'}: chỉ quản trị viên của đơn vị này và cấp trên sửa được bộ câu hỏi.</p>
      {set.canMakeDefault && !set.isDefault ? (
        <ButtonForm action={makeDefaultSet} values={{ questionSetId: set.id }} label="Đặt làm bộ câu hỏi mặc định" secondary />
      ) : null}
      {justSaved ? (
        <p className="notice form-ok" role="status">
          Đã lưu phiên bản {latest.version}. Các phiếu mới sẽ dùng phiên bản này; phiếu cũ vẫn giữ phiên bản đã trả lời.
        </p>
      ) : null}
      {!latest || !latestSummary ? (
        <p>Bộ câu hỏi này chưa có phiên bản nào.</p>
      ) : (
        <>
          <section aria-labelledby="don-vi-dung">
            <h2 id="don-vi-dung">Đơn vị dùng bộ câu hỏi này</h2>
            <p className="muted">
              {set.isDefault
                ? 'Đây là bộ mặc định: mọi đơn vị chưa chọn bộ riêng (và không thừa hưởng bộ riêng của cấp trên) dùng bộ này, trên phiếu khảo sát và trên kiosk.'
                : 'Đơn vị được giao bộ này dùng nó trên phiếu khảo sát và trên kiosk; các đơn vị cấp dưới thừa hưởng, trừ khi chọn bộ riêng.'}
            </p>
            {assignments && assignments.chosenBy.length > 0 ? (
              <ul className="stack">
                {assignments.chosenBy.map((u) => (
                  <li key={u.id} className="row-actions">
                    <Link href={`/quan-tri/don-vi/${u.id}`}>{u.name}</Link>
                    <span className="muted">và các đơn vị cấp dưới chưa chọn bộ riêng</span>
                    <ButtonForm
                      action={assignQuestionSetAction}
                      values={{ unitId: u.id, questionSetId: '' }}
                      label="Thôi giao"
                      secondary
                      accessibleLabel={`Thôi giao bộ câu hỏi này cho ${u.name}`}
                    />
                  </li>
                ))}
              </ul>
            ) : (
              <p>Chưa đơn vị nào trong phạm vi của Ông/Bà được giao riêng bộ câu hỏi này.</p>
            )}
            {assignments && assignable ? (
              <fieldset className="box narrow">
                <legend>Giao cho một đơn vị</legend>
                <AssignSetToUnitForm action={assignSetToUnit} questionSetId={set.id} tree={assignments.tree} />
              </fieldset>
            ) : null}
          </section>

          <section aria-labelledby="hien-hanh">
            <h2 id="hien-hanh">
              Phiên bản {latest.version} (đang dùng)
            </h2>
            <p className="muted">
              Tạo lúc {formatDateTime(latestSummary.createdAt)} · {latestSummary.responses.toLocaleString('vi-VN')} phiếu đã trả lời.
            </p>
            <QuestionList definition={latest.definition} />
          </section>

          <section aria-labelledby="cac-phien-ban">
            <h2 id="cac-phien-ban">Các phiên bản</h2>
            <VersionsTable setId={set.id} versions={set.versions} />
          </section>

          {set.canChange ? (
            <section aria-labelledby="sua">
              <h2 id="sua">Sửa thành phiên bản {latest.version + 1}</h2>
              <p className="muted">
                Câu hỏi Q1, Q2 luôn bắt buộc. Bỏ đánh dấu một câu không bắt buộc để không hỏi câu đó nữa; câu trả lời cũ của câu đó vẫn được giữ.
              </p>
              <QuestionSetEditForm
                key={latest.version}
                action={saveQuestionSetVersion}
                questionSetId={set.id}
                baseVersion={latest.version}
                catalog={editableQuestions(versions.map((v) => v.definition))}
                commentMaxLength={latest.definition.commentMaxLength}
              />
            </section>
          ) : (
            <section aria-labelledby="chi-xem">
              <h2 id="chi-xem">Chỉ xem</h2>
              <p className="notice">
                Bộ câu hỏi này thuộc {set.ownerName ?? 'cấp tỉnh'}, nên chỉ quản trị viên của đơn vị đó sửa được. Để dùng một bộ khác cho các đơn vị trong
                phạm vi {viewer.scopeName}, hãy <Link href="/quan-tri/bo-cau-hoi#sao-chep">sao chép bộ này</Link> thành bộ của đơn vị mình rồi sửa.
              </p>
            </section>
          )}
        </>
      )}
    </div>
  );
}
