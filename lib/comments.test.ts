import { describe, expect, it } from 'vitest';
import type { Role } from '@/lib/auth/roles';
import { DEFAULT_QUESTION_SET } from '@/lib/survey/question-set';
import { decideCommentChange, describeAnswers, NEW_THREAD, pageWindow, type CommentChange, type CommentThreadState, type StoredAnswer } from './comments';

const NOW = new Date('2026-11-22T03:00:00Z');
const EARLIER = new Date('2026-11-21T03:00:00Z');
const answered: CommentThreadState = { status: 'answered', replyText: 'Đã xử lý.', repliedBy: 7, repliedAt: EARLIER };

describe('decideCommentChange', () => {
  it.each<[string, CommentThreadState, CommentChange, CommentThreadState, string]>([
    ['a new comment put in progress', NEW_THREAD, { kind: 'status', status: 'in_progress' }, { ...NEW_THREAD, status: 'in_progress' }, 'comment.status'],
    ['a reply to a new comment', NEW_THREAD, { kind: 'reply', replyText: 'Cảm ơn' }, { status: 'answered', replyText: 'Cảm ơn', repliedBy: 3, repliedAt: NOW }, 'comment.reply'],
    ['a second reply replaces the first, by whoever wrote it', answered, { kind: 'reply', replyText: 'Bổ sung' }, { status: 'answered', replyText: 'Bổ sung', repliedBy: 3, repliedAt: NOW }, 'comment.reply'],
    ['an answered comment reopened keeps its reply', answered, { kind: 'status', status: 'in_progress' }, { ...answered, status: 'in_progress' }, 'comment.status'],
    ['back to new keeps the reply too', answered, { kind: 'status', status: 'new' }, { ...answered, status: 'new' }, 'comment.status'],
  ])('%s', (_, before, change, after, action) => {
    expect(decideCommentChange({ userId: 3, role: 'office_head' }, before, change, NOW)).toEqual({ ok: true, after, action });
  });

  it.each<[Role, boolean]>([
    ['office_head', true],
    ['supervisor', false],
    ['admin', false],
  ])('%s may handle comments: %s', (role, allowed) => {
    const decision = decideCommentChange({ userId: 3, role }, NEW_THREAD, { kind: 'reply', replyText: 'x' }, NOW);
    expect(decision.ok).toBe(allowed);
    if (!allowed) expect(decision).toEqual({ ok: false, reason: 'forbidden' });
  });
});

describe('a status change to answered', () => {
  it('needs a stored reply', () => {
    expect(decideCommentChange({ userId: 3, role: 'office_head' }, NEW_THREAD, { kind: 'status', status: 'answered' }, NOW)).toEqual({ ok: false, reason: 'needs_reply' });
    const reopened: CommentThreadState = { ...answered, status: 'in_progress' };
    expect(decideCommentChange({ userId: 3, role: 'office_head' }, reopened, { kind: 'status', status: 'answered' }, NOW)).toEqual({
      ok: true,
      action: 'comment.status',
      after: answered,
    });
  });
});

describe('describeAnswers', () => {
  const answers: StoredAnswer[] = [
    { questionKey: 'q10', score: null, choice: 'late' },
    { questionKey: 'q2', score: 1, choice: null },
    { questionKey: 'q10', score: null, choice: 'waiting' },
    { questionKey: 'q1', score: 2, choice: null },
    { questionKey: 'q9', score: null, choice: 'yes' },
    { questionKey: 'q6', score: 3, choice: null },
  ];

  it('labels scores and chosen options in the question set order, in Vietnamese', () => {
    expect(describeAnswers(DEFAULT_QUESTION_SET, answers)).toEqual({
      scores: [
        { key: 'q1', label: 'Thái độ phục vụ', score: 2 },
        { key: 'q2', label: 'Hài lòng chung', score: 1 },
        { key: 'q6', label: 'Thời gian chờ', score: 3 },
      ],
      choices: [
        { key: 'q9', question: 'Ông/Bà có bị gây phiền hà, sách nhiễu hoặc yêu cầu giấy tờ, chi phí ngoài quy định không?', options: ['Có'] },
        { key: 'q10', question: 'Lý do chưa hài lòng', options: ['Phải chờ lâu', 'Trễ hẹn trả kết quả'] },
      ],
    });
  });

  it('shows an answer its version does not know under its stored key, and nothing for no answers', () => {
    expect(describeAnswers(DEFAULT_QUESTION_SET, [{ questionKey: 'x1', score: null, choice: 'abc' }, { questionKey: 'q10', score: null, choice: 'gone' }])).toEqual({
      scores: [],
      choices: [
        { key: 'q10', question: 'Lý do chưa hài lòng', options: ['gone'] },
        { key: 'x1', question: 'x1', options: ['abc'] },
      ],
    });
    expect(describeAnswers(null, [])).toEqual({ scores: [], choices: [] });
  });
});

describe('pageWindow', () => {
  it.each<[number, number, (number | null)[]]>([
    [1, 1, [1]],
    [1, 3, [1, 2, 3]],
    [1, 10, [1, 2, 3, null, 10]],
    [5, 10, [1, null, 3, 4, 5, 6, 7, null, 10]],
    [10, 10, [1, null, 8, 9, 10]],
    [4, 10, [1, 2, 3, 4, 5, 6, null, 10]],
  ])('page %i of %i → %j', (page, pages, want) => expect(pageWindow(page, pages)).toEqual(want));
});
