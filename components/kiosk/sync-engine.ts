import { backoffDelayMs, retryAfterMs } from '@/lib/kiosk-client/backoff';
import { MAX_BATCH, classifyBatchResponse, reconcile, toBatchItem, type SendOutcome } from '@/lib/kiosk-client/batch';
import type { SyncStatus } from '@/lib/kiosk-client/status';
import type { BatchBody } from '@/lib/kiosk-client/types';
import type { QueueStore } from './queue-db';

/** An empty batch at least this often tells the fleet page the tablet is alive (and how much it holds). */
export const HEARTBEAT_MS = 60_000;
/** How often the loop wakes to check for due work (heartbeat, a retry whose timer the browser throttled). */
const TICK_MS = 15_000;
/** A batch request that hangs (captive portal, half-open Wi-Fi) is abandoned and retried. */
const REQUEST_TIMEOUT_MS = 20_000;
/** One sync at a time across every tab of this origin. */
const LOCK_NAME = 'hai-long-kiosk-sync';

type Options = {
  store: QueueStore;
  appVersion: string;
  /** The current pairing's kiosk id; null while unpaired (nothing is sent). */
  kioskId: () => number | null;
  onUnpaired: () => void;
  onStatus: (s: SyncStatus) => void;
  /** Every answer that carries the server's time, with when the request left and its answer arrived (device clock). */
  onServerTime?: (serverTime: unknown, sentAt: number, receivedAt: number) => void;
  /** Who serves at the counter, as every batch answer (heartbeats included) says; `undefined` from servers that do not say. */
  onServing?: (serving: unknown) => void;
};

/**
 * The sync loop: sends the queue in batches of ≤ 200, oldest first, on
 * enqueue, on `online`, and on a timer; backs off exponentially with jitter
 * after a network error, a 5xx or a refused batch; removes exactly the ids the
 * server listed. A rating leaves the queue only when the server has named it,
 * and the server stores a client id once: together, exactly once.
 */
export class SyncEngine {
  private running = false;
  private again = false;
  private attempt = 0;
  private notBefore = 0;
  private lastContact = 0;
  private online = typeof navigator === 'undefined' ? true : navigator.onLine;
  private sending = false;
  private stopped = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private tickTimer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly opts: Options) {}

  start() {
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
    this.tickTimer = setInterval(() => this.kick(), TICK_MS);
    this.kick();
  }

  stop() {
    this.stopped = true;
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    clearInterval(this.tickTimer);
    clearTimeout(this.retryTimer);
  }

  /** Something may be due (a new rating, a tick). Respects a running backoff. */
  kick() {
    if (this.stopped) return;
    if (Date.now() < this.notBefore) return void this.publish();
    if (this.running) {
      this.again = true;
      return;
    }
    void this.run();
  }

  /** The network is back: retry now rather than at the end of the backoff. */
  private onOnline = () => {
    this.online = true;
    this.attempt = 0;
    this.notBefore = 0;
    this.kick();
  };

  private onOffline = () => {
    this.online = false;
    void this.publish();
  };

  private async run() {
    this.running = true;
    try {
      do {
        this.again = false;
        const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
        if (locks) {
          // ifAvailable: another tab holds it and is sending the same queue; its work is ours.
          await locks.request(LOCK_NAME, { ifAvailable: true }, async (lock) => {
            if (lock) await this.drain();
          });
        } else {
          await this.drain();
        }
      } while (this.again && !this.stopped && Date.now() >= this.notBefore);
    } finally {
      this.running = false;
      this.sending = false;
      await this.publish();
    }
  }

  /** Sends batches until the queue is empty, a heartbeat went out, or something failed. */
  private async drain() {
    const { store } = this.opts;
    for (;;) {
      const kioskId = this.opts.kioskId();
      if (kioskId === null || this.stopped) return;
      const items = await store.nextBatch(kioskId, MAX_BATCH);
      const heartbeatDue = Date.now() - this.lastContact >= HEARTBEAT_MS;
      if (items.length === 0 && !heartbeatDue) return;

      this.sending = items.length > 0;
      const { queued } = await store.counts(kioskId);
      await this.publish(queued);
      const body: BatchBody = { appVersion: this.opts.appVersion, queued, items: items.map(toBatchItem) };
      const outcome = await this.send(body);

      switch (outcome.kind) {
        case 'ok': {
          this.online = true;
          this.lastContact = Date.now();
          const sentIds = items.map((i) => i.clientId);
          const { remove, kept, rejected } = reconcile(sentIds, outcome.reply);
          await store.remove(remove);
          for (const r of rejected) console.warn(`kiosk: the server rejected ${r.clientId}: ${r.reason}`);
          if (items.length === 0) return this.succeeded();
          if (kept.length === sentIds.length) {
            // The server answered but named none of them: do not resend in a hot loop.
            console.warn(`kiosk: the server listed none of ${sentIds.length} ratings; retrying later`);
            return this.failed(null);
          }
          this.succeeded();
          await this.publish();
          continue;
        }
        case 'unpaired':
          this.online = true;
          this.lastContact = Date.now();
          this.succeeded();
          this.opts.onUnpaired();
          return;
        case 'refused':
          // Nothing was stored; the items stay queued. A bug or a server change: log it and wait.
          this.online = true;
          console.warn(`kiosk: batch refused (${outcome.message}); ${items.length} ratings kept`);
          return this.failed(null);
        case 'retry':
          return this.failed(outcome.retryAfter);
      }
    }
  }

  private succeeded() {
    this.attempt = 0;
    this.notBefore = 0;
  }

  private failed(retryAfter: string | null) {
    this.attempt += 1;
    const delay = retryAfterMs(retryAfter, backoffDelayMs(this.attempt, Math.random()));
    this.notBefore = Date.now() + delay;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.kick(), delay);
  }

  private async send(body: BatchBody): Promise<SendOutcome> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
    const sentAt = Date.now();
    try {
      const res = await fetch('/api/kiosk/batch', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        credentials: 'same-origin',
        cache: 'no-store',
        signal: controller.signal,
      });
      const json: unknown = await res.json().catch(() => null);
      if (res.status === 200 && json && typeof json === 'object') {
        this.opts.onServerTime?.((json as { serverTime?: unknown }).serverTime, sentAt, Date.now());
        if ('serving' in json) this.opts.onServing?.((json as { serving?: unknown }).serving);
      }
      if (res.status !== 200 && res.status !== 401 && res.status < 500) this.online = true;
      return classifyBatchResponse(res.status, json, res.headers.get('retry-after'));
    } catch {
      this.online = false;
      return { kind: 'retry', retryAfter: null };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Recounts the queue (unless given) and reports the status mark. */
  async publish(queuedKnown?: number) {
    try {
      const kioskId = this.opts.kioskId();
      const counts = await this.opts.store.counts(kioskId);
      const online = this.online && (typeof navigator === 'undefined' || navigator.onLine);
      this.opts.onStatus({ online, queued: queuedKnown ?? counts.queued, held: counts.held, sending: this.sending && online });
    } catch {
      /* the store was closed while the page unloads */
    }
  }
}
