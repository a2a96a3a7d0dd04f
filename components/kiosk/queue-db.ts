import type { QueuedRating } from '@/lib/kiosk-client/types';

/**
 * The tablet's durable queue: one IndexedDB object store of ratings keyed by
 * their client UUID, with an index on (kioskId, tappedAt) so a batch is the
 * oldest finished ratings of the current pairing. Raw IndexedDB (no wrapper
 * library): six small operations, each one transaction.
 */
const DB_NAME = 'hai-long-kiosk';
const DB_VERSION = 1;
const RATINGS = 'ratings';
const BY_KIOSK = 'byKioskTappedAt';

export type QueueStore = {
  /** Resolves once the rating is committed to disk (the transaction's `complete`). */
  put(rating: QueuedRating): Promise<void>;
  /** Oldest first, finished ratings of this kiosk only, at most `limit`. */
  nextBatch(kioskId: number, limit: number): Promise<QueuedRating[]>;
  remove(clientIds: readonly string[]): Promise<void>;
  /** [ratings of this kiosk, ratings of other pairings]. */
  counts(kioskId: number | null): Promise<{ queued: number; held: number }>;
  /** Low scores whose reasons screen never finished (the page was closed or reloaded). */
  unfinished(): Promise<QueuedRating[]>;
  close(): void;
};

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    tx.onerror = () => reject(tx.error);
  });
}

export function openQueue(): Promise<QueueStore> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(DB_NAME, DB_VERSION);
    open.onupgradeneeded = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains(RATINGS)) {
        const store = db.createObjectStore(RATINGS, { keyPath: 'clientId' });
        store.createIndex(BY_KIOSK, ['kioskId', 'tappedAt']);
      }
    };
    open.onblocked = () => reject(new Error('IndexedDB upgrade blocked by another tab'));
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      // Another tab upgrading the schema: let it, this tab reloads into the new version.
      db.onversionchange = () => db.close();
      resolve(storeOver(db));
    };
  });
}

function storeOver(db: IDBDatabase): QueueStore {
  return {
    async put(rating) {
      // 'strict' durability: the tap must survive a power cut right after the thanks screen.
      const tx = db.transaction(RATINGS, 'readwrite', { durability: 'strict' });
      tx.objectStore(RATINGS).put(rating);
      await done(tx);
    },
    async nextBatch(kioskId, limit) {
      const tx = db.transaction(RATINGS, 'readonly');
      const index = tx.objectStore(RATINGS).index(BY_KIOSK);
      const range = IDBKeyRange.bound([kioskId, -Infinity], [kioskId, Infinity]);
      // A few unfinished low scores may sit among them; read a little more than needed.
      const rows = (await request(index.getAll(range, limit + 20))) as QueuedRating[];
      return rows.filter((r) => r.ready).slice(0, limit);
    },
    async remove(clientIds) {
      if (clientIds.length === 0) return;
      const tx = db.transaction(RATINGS, 'readwrite');
      const store = tx.objectStore(RATINGS);
      for (const id of clientIds) store.delete(id);
      await done(tx);
    },
    async counts(kioskId) {
      const tx = db.transaction(RATINGS, 'readonly');
      const store = tx.objectStore(RATINGS);
      const total = await request(store.count());
      if (kioskId === null) return { queued: 0, held: total };
      const mine = await request(store.index(BY_KIOSK).count(IDBKeyRange.bound([kioskId, -Infinity], [kioskId, Infinity])));
      return { queued: mine, held: total - mine };
    },
    async unfinished() {
      const tx = db.transaction(RATINGS, 'readonly');
      const out: QueuedRating[] = [];
      await new Promise<void>((resolve, reject) => {
        const cursor = tx.objectStore(RATINGS).openCursor();
        cursor.onerror = () => reject(cursor.error);
        cursor.onsuccess = () => {
          const c = cursor.result;
          if (!c) return resolve();
          if (!(c.value as QueuedRating).ready) out.push(c.value as QueuedRating);
          c.continue();
        };
      });
      return out;
    },
    close: () => db.close(),
  };
}
