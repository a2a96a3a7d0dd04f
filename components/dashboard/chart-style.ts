import type { ScaleValue } from '@/lib/survey/scale';

/**
 * Colours of the charts. The five levels run blue (satisfied) → grey →
 * orange (dissatisfied), a diverging scheme that stays apart for red–green
 * colour blindness; every segment also carries its words in the legend and
 * the table, and its text colour keeps 4.5 : 1 contrast on its fill.
 */
export const LEVEL_COLORS: Record<ScaleValue, { fill: string; text: string }> = {
  5: { fill: '#08519c', text: '#ffffff' },
  4: { fill: '#6baed6', text: '#000000' },
  3: { fill: '#d9d9d9', text: '#000000' },
  2: { fill: '#fdae6b', text: '#000000' },
  1: { fill: '#a63603', text: '#ffffff' },
};

export const RATE_COLOR = '#08519c';
export const DISSATISFIED_COLOR = '#a63603';
export const COUNT_COLOR = '#b9cfe6';
export const CHOICE_COLOR = '#4a6fa5';

/** An axis tick or bar label of a share 0..1: "75 %", with a no-break space so a narrow bar never splits it. */
export function percentTick(v: number): string {
  return `${Math.round(v * 100)}\u00a0%`;
}

/** Splits a label into at most `lines` lines of about `width` characters, at spaces, with an ellipsis if cut. */
export function wrapLabel(text: string, width = 24, lines = 2): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && `${line} ${word}`.length > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  if (out.length <= lines) return out;
  const kept = out.slice(0, lines);
  kept[lines - 1] = `${kept[lines - 1]}…`;
  return kept;
}
