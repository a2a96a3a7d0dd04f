import type { ReactNode } from 'react';

/**
 * A wide table's box that scrolls sideways on a phone; focusable and named,
 * so keyboard users can scroll it too (axe: scrollable-region-focusable).
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
