'use client';

import { useEffect, useState } from 'react';

/** Sent by MarkAlertsSeen once the alerts page is shown; `detail.remaining` is what still waits there. */
export const ALERTS_SEEN_EVENT = 'hailong:alerts-seen';

/**
 * The number beside "Cảnh báo" in the navigation: what waits for follow-up
 * (db/queries/follow-up.ts), which a visit does not clear. The link reads
 * "Cảnh báo, 3 mục cần xử lý" to a screen reader (the visible number is
 * hidden from it; beyond 99, "hơn 99", as the layout counts at most 100
 * of each kind), and the count is written out, not shown by colour alone.
 * The staff layout is not re-rendered on client navigation, so the alerts
 * page brings it up to date here; render it with `key={count}` so a fresh
 * count from the server replaces it.
 */
export function NavBadge({ count }: { count: number }) {
  const [shown, setShown] = useState(count);
  useEffect(() => {
    const onSeen = (e: Event) => setShown((e as CustomEvent<{ remaining: number }>).detail.remaining);
    window.addEventListener(ALERTS_SEEN_EVENT, onSeen);
    return () => window.removeEventListener(ALERTS_SEEN_EVENT, onSeen);
  }, []);
  if (shown <= 0) return null;
  const text = shown > 99 ? '99+' : String(shown);
  return (
    <>
      <span className="nav-badge" aria-hidden="true">
        {text}
      </span>
      <span className="visually-hidden">, {shown > 99 ? 'hơn 99' : shown.toLocaleString('vi-VN')} mục cần xử lý</span>
    </>
  );
}
