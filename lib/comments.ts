import { can, type Role } from '@/lib/auth/roles';
import type { QuestionSetDefinition } from '@/lib/survey/question-set';
import type { CommentStatusValue } from '@/lib/validation/comments';

/**
 * The office's handling of a citizen's comment (domain.md): its status and
 * its reply. Pure rules; db/queries/comments.ts reads and writes the thread,
 * server/comments.ts applies these inside one transaction.
 */

export type CommentThreadState = { status: CommentStatusValue; replyText: string | null; repliedBy: number | null; repliedAt: Date | null };

/** A comment nobody handled yet has no thread row: this is what it means. */
export const NEW_THREAD: CommentThreadState = { status: 'new', replyText: null, repliedBy: null, repliedAt: null };

export type CommentChange =
  | { kind: 'status'; status: CommentStatusValue }
  | { kind: 'reply'; replyText: string };

export type CommentDecision =
  | { ok: true; after: CommentThreadState; action: 'comment.status' | 'comment.reply' }
  | { ok: false; reason: 'forbidden' | 'needs_reply' };

/**
 * What a change makes of a thread, or a refusal when the viewer's role may
 * not handle comments ('comments.reply'). A reply marks the comment
 * answered, by the viewer, now. A status change keeps a stored reply (shown
 * to the citizen again only once the status is back to 'answered'); it can
 * make a comment answered only when a reply is stored ('needs_reply'), since
 * the citizen would otherwise read "answered" and no answer.
 */
export function decideCommentChange(
  viewer: { userId: number; role: Role },
  before: CommentThreadState,
  change: CommentChange,
  now: Date,
): CommentDecision {
  if (!can(viewer.role, 'comments.reply')) return { ok: false, reason: 'forbidden' };
  if (change.kind === 'reply') {
    return { ok: true, action: 'comment.reply', after: { status: 'answered', replyText: change.replyText, repliedBy: viewer.userId, repliedAt: now } };
  }
  if (change.status === 'answered' && !before.replyText) return { ok: false, reason: 'needs_reply' };
  return { ok: true, action: 'comment.status', after: { ...before, status: change.status } };
}

/** One stored answer of a rating: a score (scale question) or one chosen option (choice question). */
export type StoredAnswer = { questionKey: string; score: number | null; choice: string | null };

/** A rating's answers as staff read them: scores and chosen options under their Vietnamese labels. */
export type RatingDetails = {
  scores: { key: string; label: string; score: number }[];
  choices: { key: string; question: string; options: string[] }[];
};

/**
 * Puts a rating's stored answers under the labels of the question set
 * version it answered, in the set's question order (scores with the short
 * label, choices with the question and each chosen option's label). An
 * answer the version does not know (a set edited by hand) is shown with its
 * stored key rather than dropped.
 */
export function describeAnswers(definition: QuestionSetDefinition | null, answers: readonly StoredAnswer[]): RatingDetails {
  const questions = definition?.questions ?? [];
  const byKey = new Map(questions.map((q, i) => [q.key, { q, i }]));
  const rank = (a: StoredAnswer) => {
    const found = byKey.get(a.questionKey);
    const option = found?.q.kind === 'choice' ? found.q.options.findIndex((o) => o.value === a.choice) : -1;
    return [found?.i ?? questions.length, option] as const;
  };
  const sorted = [...answers].sort((a, b) => {
    const [qa, oa] = rank(a);
    const [qb, ob] = rank(b);
    return qa - qb || a.questionKey.localeCompare(b.questionKey) || oa - ob;
  });
  const out: RatingDetails = { scores: [], choices: [] };
  for (const a of sorted) {
    const q = byKey.get(a.questionKey)?.q;
    if (a.score !== null) {
      out.scores.push({ key: a.questionKey, label: q?.kind === 'scale5' ? q.short.vi : a.questionKey, score: a.score });
    } else if (a.choice !== null) {
      const label = q?.kind === 'choice' ? (q.options.find((o) => o.value === a.choice)?.label.vi ?? a.choice) : a.choice;
      const last = out.choices.at(-1);
      if (last?.key === a.questionKey) last.options.push(label);
      else out.choices.push({ key: a.questionKey, question: q ? q.text.vi : a.questionKey, options: [label] });
    }
  }
  return out;
}

/**
 * The page numbers a pager links to: the first, the last, and `around` pages
 * either side of the current one; null marks a gap ("…"). Pages count from 1.
 */
export function pageWindow(page: number, pages: number, around = 2): (number | null)[] {
  const out: (number | null)[] = [];
  for (let p = 1; p <= pages; p++) {
    if (p === 1 || p === pages || Math.abs(p - page) <= around) out.push(p);
    else if (out.at(-1) !== null) out.push(null);
  }
  return out;
}
