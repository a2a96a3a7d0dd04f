import { createAuditEntry } from '@/db/queries/audit';
import { getQuestionSetVersionByNumber, insertQuestionSetVersion } from '@/db/queries/question-set-admin';
import { ensureDefaultOrganisations } from '@/db/queries/supervision';
import { transaction } from '@/db/store';
import { DEFAULT_QUESTION_SET, withoutIntegrityMarks } from '@/lib/survey/question-set';
import { sameDefinition } from '@/lib/validation/question-sets';

/**
 * Data every installation starts with or is brought to at start-up, on
 * every server and in every mode (docs/decisions/028): idempotent, and safe
 * when several servers start together.
 */

/**
 * A database made before integrity marks existed holds the default set
 * without Q9 "Có" marked. When the default set's latest version is exactly
 * that old default (nobody edited it), a new version with the mark is added,
 * audited (actor: the system); a set an administrator changed is left to
 * them (the editor marks options too). True when a version was added.
 */
export async function markIntegrityInDefaultSet(now = new Date()): Promise<boolean> {
  return transaction(async (c) => {
    await c.lock('question-set:default-integrity');
    const setId = await c.value<number>('select id from question_sets where is_default = true order by id limit 1');
    if (setId == null) return false;
    await c.lock(`question-set:${setId}`);
    const latest = await getQuestionSetVersionByNumber({ questionSetId: Number(setId) });
    if (!latest) return false;
    const marked = latest.definition.questions.some((q) => q.kind === 'choice' && q.options.some((o) => o.integrity));
    if (marked || !sameDefinition(latest.definition, withoutIntegrityMarks(DEFAULT_QUESTION_SET))) return false;
    const version = latest.version + 1;
    await insertQuestionSetVersion({ questionSetId: Number(setId), version, definition: DEFAULT_QUESTION_SET });
    await createAuditEntry({
      at: now,
      actorId: null,
      action: 'question_set.new_version',
      entityType: 'question_set',
      entityId: Number(setId),
      before: { version: latest.version },
      after: { version, integrity: 'q9=yes' },
    });
    return true;
  });
}

/** Start-up: the default organisations, and the integrity mark of the default set. */
export async function ensureDefaults(now = new Date()): Promise<string[]> {
  const said: string[] = [];
  const organisations = await ensureDefaultOrganisations();
  if (organisations) said.push(`Đã tạo ${organisations} tổ chức giám sát mặc định.`);
  if (await markIntegrityInDefaultSet(now)) said.push('Đã thêm phiên bản mới của bộ câu hỏi mặc định: câu Q9 “Có” tạo phản ánh liêm chính.');
  return said;
}
