import { digestOf } from '@/lib/error-digest';

/**
 * In production Next sends the browser only an error's `digest`, never its
 * message or code, so the App Router error pages could not tell a busy
 * database from a bug. A driver's error that means "busy" or "unavailable"
 * gets a digest naming that (lib/error-digest.ts); Next keeps a digest it
 * finds on a thrown error and sets its own hash on any other. Installed once
 * on each driver's error class (better-sqlite3's SqliteError, pg's DatabaseError).
 */
export function giveDigests(errorClass: { prototype: object }) {
  const proto = errorClass.prototype as { digest?: string };
  if (Object.getOwnPropertyDescriptor(proto, 'digest')) return;
  const own = new WeakMap<object, string>();
  Object.defineProperty(proto, 'digest', {
    configurable: true,
    get(this: Error) {
      return own.get(this) ?? digestOf(this);
    },
    set(this: Error, value: string) {
      own.set(this, value);
    },
  });
}
