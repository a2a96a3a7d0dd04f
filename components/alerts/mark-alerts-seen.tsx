'use client';

import { useEffect } from 'react';
import { IDLE, type FormState } from '@/lib/form-state';
import { ALERTS_SEEN_EVENT } from './nav-badge';

type Action = (prev: FormState, data: FormData) => Promise<FormState>;

/**
 * Marks the alerts page as seen once it is on screen, as of the time it was
 * rendered (`at`), so whatever arrived after the render stays marked "Mới".
 * Never done while rendering on the server: a prefetch is not a visit. Seeing
 * handles nothing: the navigation badge is told the page's own count of what
 * still waits (`remaining`), which it keeps until items are handled.
 */
export function MarkAlertsSeen({ action, at, remaining }: { action: Action; at: number; remaining: number }) {
  useEffect(() => {
    const data = new FormData();
    data.set('at', String(at));
    let live = true;
    action(IDLE, data)
      .then((state) => {
        if (live && state.status === 'ok') window.dispatchEvent(new CustomEvent(ALERTS_SEEN_EVENT, { detail: { remaining } }));
      })
      // A failed mark only leaves the badge as it was; the next visit tries again.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [action, at, remaining]);
  return null;
}
