/**
 * Runs once when a server process starts: answers the survey's stored
 * ratings before Next (server/survey-post.ts), stamps each request with its peer
 * address (server/client-address.ts), gives it an id, a log line and its
 * metrics (server/request-observer.ts), validates the environment, opens and
 * migrates the database, and seeds the demo province in demo/test mode.
 * The dynamic imports keep the native SQLite module out of the edge bundle.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // First, so that the peer stamp and the request observer, installed after it, wrap it.
  const { installSurveyPost } = await import('./server/survey-post');
  installSurveyPost();
  const { installPeerStamp } = await import('./server/client-address');
  installPeerStamp();
  const { installRequestObserver } = await import('./server/request-observer');
  installRequestObserver();
  const { startUp } = await import('./server/start');
  await startUp();
}
