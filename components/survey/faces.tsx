import { SCALE_VALUES, type ScaleValue } from '@/lib/survey/scale';

const MOUTHS: Record<ScaleValue, string> = {
  5: 'M13 27 Q24 41 35 27',
  4: 'M15 29 Q24 36 33 29',
  3: 'M15 32 L33 32',
  2: 'M15 35 Q24 29 33 35',
  1: 'M13 37 Q24 25 35 37',
};

const FILLS: Record<ScaleValue, string> = { 5: '#2e7d32', 4: '#8bc34a', 3: '#fbc02d', 2: '#f57c00', 1: '#d32f2f' };

/** The five faces, defined once per page and drawn with <use>, to keep the page small. */
export function FaceSprite() {
  return (
    <svg width="0" height="0" style={{ position: 'absolute' }} aria-hidden="true" focusable="false">
      {SCALE_VALUES.map((v) => (
        <symbol key={v} id={`f${v}`} viewBox="0 0 48 48">
          <circle cx="24" cy="24" r="22" fill={FILLS[v]} stroke="#1a1a1a" strokeWidth="2" />
          <circle cx="17" cy="19" r="3" fill="#1a1a1a" />
          <circle cx="31" cy="19" r="3" fill="#1a1a1a" />
          <path d={MOUTHS[v]} fill="none" stroke="#1a1a1a" strokeWidth="3" strokeLinecap="round" />
        </symbol>
      ))}
    </svg>
  );
}

export function Face({ value }: { value: ScaleValue }) {
  return (
    <svg className="face" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
      <use href={`#f${value}`} />
    </svg>
  );
}
