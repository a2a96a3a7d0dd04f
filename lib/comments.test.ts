import { describe, expect, it } from 'vitest';
import type { Role } from '@/lib/auth/roles';
import { decideCommentChange, NEW_THREAD, type CommentChange, type CommentThreadState } from './comments';

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
