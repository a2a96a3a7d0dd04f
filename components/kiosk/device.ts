'use client';

import { useEffect, useState } from 'react';

/**
 * Keeps the screen on while the kiosk page is visible, where the browser
 * offers the Screen Wake Lock API. The browser drops the lock whenever the
 * page is hidden, so it is asked for again when the page is visible again.
 */
export function useWakeLock() {
  useEffect(() => {
    if (!('wakeLock' in navigator)) return;
    let sentinel: WakeLockSentinel | null = null;
    let stopped = false;
    const request = async () => {
      if (stopped || document.visibilityState !== 'visible' || (sentinel && !sentinel.released)) return;
      try {
        sentinel = await navigator.wakeLock.request('screen');
      } catch {
        // Refused (battery saver, policy): the tablet's own display settings apply.
      }
    };
    const onVisibility = () => void request();
    void request();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      stopped = true;
      document.removeEventListener('visibilitychange', onVisibility);
      void sentinel?.release().catch(() => {});
    };
  }, []);
}

/**
 * Registers the kiosk's service worker (public/kiosk-sw.js, scope /kiosk) and
 * hands it the URLs this page loaded, so the very first online visit leaves
 * everything needed for an offline start in its cache. Sets
 * `<html data-kiosk-offline="ready">` once the worker confirmed it.
 */
export function useKioskServiceWorker() {
  useEffect(() => {
    if (process.env.NODE_ENV !== 'production' || !('serviceWorker' in navigator)) return;
    let cancelled = false;
    const sendLoadedUrls = async () => {
      const registration = await navigator.serviceWorker.ready;
      const worker = registration.active;
      if (!worker) return;
      const urls = [location.pathname, ...performance.getEntriesByType('resource').map((e) => e.name)];
      const ok = await new Promise<boolean>((resolve) => {
        const channel = new MessageChannel();
        const timer = setTimeout(() => resolve(false), 30_000);
        channel.port1.onmessage = (event: MessageEvent<{ ok?: boolean }>) => {
          clearTimeout(timer);
          resolve(event.data?.ok === true);
        };
        worker.postMessage({ type: 'cache-urls', urls }, [channel.port2]);
      });
      if (ok && !cancelled) document.documentElement.dataset.kioskOffline = 'ready';
    };
    const run = async () => {
      try {
        await navigator.serviceWorker.register('/kiosk-sw.js', { scope: '/kiosk' });
        await sendLoadedUrls();
      } catch (e) {
        console.warn('kiosk: service worker not available', e);
      }
    };
    void run();
    // A new worker took over (an update): give it this page's URLs too.
    const onControllerChange = () => void sendLoadedUrls().catch(() => {});
    navigator.serviceWorker.addEventListener('controllerchange', onControllerChange);
    return () => {
      cancelled = true;
      navigator.serviceWorker.removeEventListener('controllerchange', onControllerChange);
    };
  }, []);
}

/** Whether to offer the staff "full screen" control: not when installed full screen, nor when already full screen. */
export function useCanGoFullscreen(): boolean {
  const [can, setCan] = useState(false);
  useEffect(() => {
    const media = window.matchMedia('(display-mode: fullscreen), (display-mode: standalone)');
    const update = () => setCan(document.fullscreenEnabled && !document.fullscreenElement && !media.matches);
    const timer = setTimeout(update, 0);
    document.addEventListener('fullscreenchange', update);
    media.addEventListener('change', update);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('fullscreenchange', update);
      media.removeEventListener('change', update);
    };
  }, []);
  return can;
}

export function requestFullscreen() {
  void document.documentElement.requestFullscreen?.({ navigationUI: 'hide' }).catch(() => {});
}
