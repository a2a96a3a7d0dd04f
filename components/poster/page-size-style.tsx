type PosterSize = 'a4' | 'a5';

/**
 * The printed page box. @page cannot be scoped by a class, so each poster
 * page emits its own rule; margins scale with the sheet (A5 is A4 × 1/√2).
 */
export function PageSizeStyle({ size }: { size: PosterSize }) {
  const rule = size === 'a5' ? '@page { size: A5 portrait; margin: 8.5mm; }' : '@page { size: A4 portrait; margin: 12mm; }';
  return <style>{rule}</style>;
}
