import type { Localized } from '@/lib/i18n';
import { kioskScaleQuestions, requiredScaleQuestions, type QuestionSetDefinition } from '@/lib/survey/question-set';

export type KioskQuestion = { key: string; text: Localized; short: Localized };

/** What the tablet shows and sends (docs/kiosk-protocol.md, `Config`). */
export type KioskConfig = {
  kiosk: { id: number; name: string; officeName: string; counterName: string | null; idleSeconds: number; cooldownMs: number };
  /** The question set version these questions come from; the tablet sends it back with each rating. */
  questionSetVersionId: number;
  /** The questions asked, one smiley screen each, in order; the first is on the start screen. */
  questions: KioskQuestion[];
  /**
   * The one question of tablets from before the kiosk asked several: a rating
   * sent with a bare `score` answers it (docs/kiosk-protocol.md).
   */
  question: KioskQuestion;
  reasons: { key: string; text: Localized; options: { value: string; label: Localized }[] } | null;
  commentMaxLength: number;
  /** The official on duty at the kiosk's counter when the config was built (docs/decisions/023); null when nobody or no counter. */
  serving: KioskServing | null;
  serverTime: number;
};

/** Who serves at the counter, as the tablet shows it; `photoUrl` only when the official has a photo. */
export type KioskServing = { name: string; position: string; photoUrl: string | null };

/** The tablet's view of the official on duty (db/queries/duty.ts ServingOfficial). */
export function kioskServing(o: { id: number; fullName: string; position: string; photoVersion: number } | null): KioskServing | null {
  if (!o) return null;
  return { name: o.fullName, position: o.position, photoUrl: o.photoVersion > 0 ? `/anh-can-bo/${o.id}?v=${o.photoVersion}` : null };
}

/** Presses within this time after a rating are ignored by the tablet (and extend it). */
export const KIOSK_COOLDOWN_MS = 4000;
export const IDLE_SECONDS_MIN = 10;
export const IDLE_SECONDS_MAX = 300;
export const IDLE_SECONDS_DEFAULT = 30;

export type KioskQuestions = Pick<KioskConfig, 'questions' | 'question' | 'reasons' | 'commentMaxLength'>;

const asKioskQuestion = (q: KioskQuestion): KioskQuestion => ({ key: q.key, text: q.text, short: q.short });

/**
 * What a kiosk asks from a question set version (domain.md §4): the set's
 * kiosk questions (lib/survey/question-set.ts `kioskScaleQuestions`), each on
 * its own smiley screen; the reasons are its choice question shown only for a
 * low score. `question` is what tablets of the one-question app asked: the
 * required overall question (Q2), else the first required scale question.
 */
export function kioskQuestions(definition: QuestionSetDefinition): KioskQuestions {
  const required = requiredScaleQuestions(definition);
  const legacy = required.find((x) => x.aspect === 'overall') ?? required[0];
  // The definition schema guarantees a required scale question.
  if (!legacy) throw new Error('question set has no required scale question');
  const r = definition.questions.find((x) => x.kind === 'choice' && x.onlyWhenLow);
  return {
    questions: kioskScaleQuestions(definition).map(asKioskQuestion),
    question: asKioskQuestion(legacy),
    reasons: r && r.kind === 'choice' ? { key: r.key, text: r.text, options: r.options.map((o) => ({ value: o.value, label: o.label })) } : null,
    commentMaxLength: definition.commentMaxLength,
  };
}
