import type { Lang, Localized } from '@/lib/i18n';
import type { ScaleValue } from '@/lib/survey/scale';

export type KioskQuestion = { key: string; text: Localized; short: Localized };

/** What GET /api/kiosk/config and POST /api/kiosk/pair answer (docs/kiosk-protocol.md). */
export type KioskConfig = {
  kiosk: {
    id: number;
    name: string;
    officeName: string;
    counterName: string | null;
    /** Back to the start screen after this long without input. */
    idleSeconds: number;
    /** Presses within this time after a rating are ignored (and extend it). */
    cooldownMs: number;
  };
  /** The question set version the questions come from; null in a config cached by an older app version. */
  questionSetVersionId: number | null;
  /** One smiley screen each, in order; the first is asked on the start screen. */
  questions: KioskQuestion[];
  reasons: { key: string; text: Localized; options: { value: string; label: Localized }[] } | null;
  /** 0: no comment box. */
  commentMaxLength: number;
  /** The official on duty at the counter, as last heard from the server (config or a batch's answer); null: nobody. */
  serving: KioskServing | null;
  serverTime: number;
};

export type KioskServing = { name: string; position: string; photoUrl: string | null };

/**
 * A rating as kept in the tablet's IndexedDB queue until the server has
 * listed its id. `kioskId` is the kiosk that took it: it is only ever sent
 * under that kiosk's credential (docs/decisions/011-kiosk-offline-queue.md). `ready` is false while a
 * low score waits for its reasons; the score is already durable then.
 */
export type QueuedRating = {
  clientId: string;
  /** Epoch ms of the tap, device clock. */
  tappedAt: number;
  /** The version whose questions were asked (config.questionSetVersionId); null when the config did not say. */
  questionSetVersionId?: number | null;
  /** The questions answered so far, in the order asked. */
  answers?: { questionKey: string; score: ScaleValue }[];
  /** Items queued by the one-question app: the score of its one question (no `answers`). */
  score?: ScaleValue;
  reasons: string[];
  comment: string | null;
  lang: Lang;
  kioskId: number;
  ready: boolean;
  /** `server − device` in ms as last measured before the tap (lib/kiosk-client/clock.ts); absent on items of older app versions. */
  clockOffset?: number | null;
};

/** One item of POST /api/kiosk/batch: `answers` (and the version when known), or a bare `score` from an older queue. */
export type BatchItem = Pick<QueuedRating, 'clientId' | 'tappedAt' | 'reasons' | 'comment' | 'lang'> & {
  questionSetVersionId?: number;
  answers?: { questionKey: string; score: ScaleValue }[];
  score?: ScaleValue;
};

export type BatchBody = { appVersion: string; queued: number; items: BatchItem[] };

export type BatchReply = {
  stored: string[];
  duplicates: string[];
  rejected: { clientId: string; reason: string }[];
  serverTime: number;
};
