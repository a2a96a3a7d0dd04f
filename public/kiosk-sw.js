/*
 * Service worker of the kiosk tablet app (registered by /kiosk with scope
 * /kiosk; see docs/decisions/011-kiosk-offline-queue.md).
 *
 * - The /kiosk page: network first (a fresh deploy reaches the tablet at its
 *   next start), the cached copy when the network fails or is slow.
 * - /_next/static/**: hashed and immutable, so cache first, added as they are
 *   fetched. The page also posts the URLs it loaded before this worker took
 *   control (its first visit), so one online visit is enough to start offline.
 * - The manifest and icons: precached, then stale-while-revalidate.
 * - /api/** and anything else: never touched (the ratings queue lives in
 *   IndexedDB and the page sends it itself).
 */
const VERSION = 'v1';
const CACHE = `hai-long-kiosk-${VERSION}`;
const CACHE_PREFIX = 'hai-long-kiosk-';
const SHELL = ['/kiosk', '/kiosk.webmanifest', '/kiosk/icon-192.png', '/kiosk/icon-512.png', '/kiosk/icon-maskable-192.png', '/kiosk/icon-maskable-512.png', '/icon.svg'];
const NAVIGATION_TIMEOUT_MS = 4000;

const isPage = (path) => path === '/kiosk' || path === '/kiosk/';
const isStatic = (path) => path.startsWith('/_next/static/');
const isShellAsset = (path) => SHELL.includes(path) && !isPage(path);

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // One by one: a missing icon must not leave the page itself uncached.
      await Promise.all(SHELL.map((url) => cache.add(new Request(url, { cache: 'reload' })).catch(() => undefined)));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((n) => n.startsWith(CACHE_PREFIX) && n !== CACHE).map((n) => caches.delete(n)));
      await self.clients.claim();
    })(),
  );
});

function cacheable(response) {
  return response && response.ok && response.status === 200 && response.type === 'basic';
}

async function pageNetworkFirst(request) {
  const cache = await caches.open(CACHE);
  const network = fetch(request).then(async (response) => {
    if (cacheable(response)) await cache.put('/kiosk', response.clone());
    return response;
  });
  // Settled later than the race when the cache answered first: never an unhandled rejection.
  network.catch(() => undefined);
  let timer;
  const slow = new Promise((resolve) => {
    timer = setTimeout(resolve, NAVIGATION_TIMEOUT_MS);
  });
  try {
    // Whichever comes first: the network's answer, or the cache once the network is slow.
    const first = await Promise.race([network, slow.then(() => cache.match('/kiosk'))]);
    if (first) return first;
    return await network;
  } catch {
    const cached = await cache.match('/kiosk');
    if (cached) return cached;
    throw new Error('offline and /kiosk is not cached yet');
  } finally {
    clearTimeout(timer);
  }
}

async function staticCacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request, { ignoreVary: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (cacheable(response)) await cache.put(request, response.clone());
  return response;
}

async function staleWhileRevalidate(event, path) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(path);
  const update = fetch(event.request).then(async (response) => {
    if (cacheable(response)) await cache.put(path, response.clone());
    return response;
  });
  if (cached) {
    event.waitUntil(update.catch(() => undefined));
    return cached;
  }
  return update;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate' && isPage(url.pathname)) return event.respondWith(pageNetworkFirst(request));
  // Only plain requests for the files themselves; React Server Component fetches (?_rsc=) go to the network.
  if (isStatic(url.pathname) && !url.searchParams.has('_rsc')) return event.respondWith(staticCacheFirst(request));
  if (isShellAsset(url.pathname)) return event.respondWith(staleWhileRevalidate(event, url.pathname));
});

/** The page lists what it loaded before this worker controlled it; cache what belongs to the shell. */
async function cacheUrls(urls) {
  const cache = await caches.open(CACHE);
  const wanted = new Set();
  for (const raw of Array.isArray(urls) ? urls : []) {
    let url;
    try {
      url = new URL(raw, self.location.origin);
    } catch {
      continue;
    }
    if (url.origin !== self.location.origin) continue;
    if (isPage(url.pathname)) wanted.add('/kiosk');
    else if (isStatic(url.pathname) && !url.searchParams.has('_rsc')) wanted.add(url.pathname + url.search);
    else if (isShellAsset(url.pathname)) wanted.add(url.pathname);
  }
  let ok = true;
  await Promise.all(
    [...wanted].map(async (path) => {
      if (path !== '/kiosk' && (await cache.match(path))) return;
      try {
        const response = await fetch(path, { credentials: 'same-origin' });
        if (cacheable(response)) await cache.put(path, response);
        else ok = false;
      } catch {
        ok = false;
      }
    }),
  );
  return ok && Boolean(await cache.match('/kiosk'));
}

self.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'cache-urls') return;
  const port = event.ports && event.ports[0];
  event.waitUntil(
    cacheUrls(data.urls).then(
      (ok) => port && port.postMessage({ ok }),
      () => port && port.postMessage({ ok: false }),
    ),
  );
});
