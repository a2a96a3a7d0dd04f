import type { Localized } from '@/lib/i18n';
import { requiredScaleQuestions, type QuestionSetDefinition } from '@/lib/survey/question-set';

/** What the tablet shows and sends (docs/kiosk-protocol.md, `Config`). */
export type KioskConfig = {
  kiosk: { id: number; name: string; officeName: string; counterName: string | null; idleSeconds: number; cooldownMs: number };
  question: { key: string; text: Localized; short: Localized };
  reasons: { key: string; text: Localized; options: { value: string; label: Localized }[] } | null;
  commentMaxLength: number;
  serverTime: number;
};

/** Presses within this time after a rating are ignored by the tablet (and extend it). */
export const KIOSK_COOLDOWN_MS = 4000;
export const IDLE_SECONDS_MIN = 10;
export const IDLE_SECONDS_MAX = 300;
export const IDLE_SECONDS_DEFAULT = 30;

export type KioskQuestions = Pick<KioskConfig, 'question' | 'reasons' | 'commentMaxLength'>;

/**
 * The one question a kiosk asks (domain.md §4): the set's required scale
 * question about overall satisfaction (Q2), else its first required scale
 * question; the reasons are its choice question shown only for a low score.
 */
export function kioskQuestions(definition: QuestionSetDefinition): KioskQuestions {
  const required = requiredScaleQuestions(definition);
  const q = required.find((x) => x.aspect === 'overall') ?? required[0];
  // The definition schema guarantees a required scale question.
  if (!q) throw new Error('question set has no required scale question');
  const r = definition.questions.find((x) => x.kind === 'choice' && x.onlyWhenLow);
  return {
    question: { key: q.key, text: q.text, short: q.short },
    reasons: r && r.kind === 'choice' ? { key: r.key, text: r.text, options: r.options.map((o) => ({ value: o.value, label: o.label })) } : null,
    commentMaxLength: definition.commentMaxLength,
  };
}
