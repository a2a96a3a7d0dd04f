/**
 * Runs once when a server process starts: stamps each request with its peer
 * address (server/client-address.ts), gives it an id, a log line and its
 * metrics (server/request-observer.ts), validates the environment, opens and
 * migrates the database, and seeds the demo province in demo/test mode.
 * The dynamic imports keep the native SQLite module out of the edge bundle.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { installPeerStamp } = await import('./server/client-address');
  installPeerStamp();
  const { installRequestObserver } = await import('./server/request-observer');
  installRequestObserver();
  const { startUp } = await import('./server/start');
  await startUp();
}
