import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { QuestionList } from '@/components/admin/question-sets/question-list';
import { getQuestionSetForAdmin, getQuestionSetVersionByNumber } from '@/server/question-sets';
import { formatDateTime } from '@/lib/format';
import { requireViewer } from '@/server/auth/viewer';

export const metadata: Metadata = { title: 'Phiên bản bộ câu hỏi' };

const ID = /^[1-9]\d{0,9}$/;

/** One version, read-only: versions are never edited. */
export default async function QuestionSetVersionPage({ params }: { params: Promise<{ id: string; version: string }> }) {
  const viewer = await requireViewer('questionSets.manage');
  const { id, version } = await params;
  if (!ID.test(id) || !ID.test(version)) notFound();
  const set = await getQuestionSetForAdmin({ viewer, questionSetId: Number(id) });
  if (!set) notFound();
  const row = await getQuestionSetVersionByNumber({ questionSetId: set.id, version: Number(version) });
  if (!row) notFound();
  const summary = set.versions.find((v) => v.version === row.version);
  const isLatest = row.version === set.latestVersion;
  return (
    <div className="admin stack">
      <p>
        <Link href={`/quan-tri/bo-cau-hoi/${set.id}`}>← {set.name}</Link>
      </p>
      <h1>
        {set.name}: phiên bản {row.version}
      </h1>
      <p className="notice">
        {isLatest
          ? 'Đây là phiên bản đang dùng. Để sửa, hãy lưu thành phiên bản mới ở trang bộ câu hỏi.'
          : `Phiên bản cũ, chỉ để xem. Phiên bản đang dùng là ${set.latestVersion}.`}
      </p>
      <p className="muted">
        Tạo lúc {formatDateTime(row.createdAt)} · {(summary?.responses ?? 0).toLocaleString('vi-VN')} phiếu đã trả lời phiên bản này.
      </p>
      <QuestionList definition={row.definition} />
      <nav aria-label="Các phiên bản khác" className="row-actions">
        {set.versions
          .filter((v) => v.version !== row.version)
          .map((v) => (
            <Link key={v.version} href={`/quan-tri/bo-cau-hoi/${set.id}/phien-ban/${v.version}`}>
              Phiên bản {v.version}
            </Link>
          ))}
      </nav>
    </div>
  );
}
