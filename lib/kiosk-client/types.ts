import type { Lang, Localized } from '@/lib/i18n';

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
  question: { key: string; text: Localized; short: Localized };
  reasons: { key: string; text: Localized; options: { value: string; label: Localized }[] } | null;
  /** 0: no comment box. */
  commentMaxLength: number;
  serverTime: number;
};

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
  score: 1 | 2 | 3 | 4 | 5;
  reasons: string[];
  comment: string | null;
  lang: Lang;
  kioskId: number;
  ready: boolean;
  /** `server − device` in ms as last measured before the tap (lib/kiosk-client/clock.ts); absent on items of older app versions. */
  clockOffset?: number | null;
};

/** One item of POST /api/kiosk/batch. */
export type BatchItem = Pick<QueuedRating, 'clientId' | 'tappedAt' | 'score' | 'reasons' | 'comment' | 'lang'>;

export type BatchBody = { appVersion: string; queued: number; items: BatchItem[] };

export type BatchReply = {
  stored: string[];
  duplicates: string[];
  rejected: { clientId: string; reason: string }[];
  serverTime: number;
};
