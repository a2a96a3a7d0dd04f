/**
 * Runs once when a server process starts: validates the environment, opens
 * and migrates the database, and seeds the demo province in demo/test mode.
 * The dynamic import keeps the native SQLite module out of the edge bundle.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startUp } = await import('./server/start');
  await startUp();
}
