'use client';

export function PrintButton({ label = 'In áp phích' }: { label?: string }) {
  return (
    <button type="button" className="button" onClick={() => window.print()}>
      {label}
    </button>
  );
}
