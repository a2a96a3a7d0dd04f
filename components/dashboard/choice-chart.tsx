'use client';

import { Bar, BarChart, CartesianGrid, LabelList, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCount, formatPercent } from '@/lib/format';
import type { ChoiceBlock } from '@/lib/indicators/chart-data';
import { CHOICE_COLOR } from './chart-style';
import { WrappedTick } from './wrapped-tick';

/** Horizontal bars of how often each option was chosen, with "12 (40,0 %)" at the end of each bar (no-break spaces: never split). */
export function ChoiceChart({ block, label }: { block: ChoiceBlock; label: string }) {
  const rows = block.options.map((o) => ({ ...o, text: `${formatCount(o.n)} (${formatPercent(o.share)})`.replace(/ /g, '\u00a0') }));
  const max = Math.max(1, ...rows.map((r) => r.n));
  return (
    <BarChart
      data={rows}
      layout="vertical"
      responsive
      style={{ width: '100%', height: rows.length * 44 + 40 }}
      margin={{ top: 4, right: 100, bottom: 4, left: 4 }}
      role="img"
      aria-label={label}
      accessibilityLayer={false}
    >
      <CartesianGrid strokeDasharray="3 3" horizontal={false} />
      <XAxis type="number" domain={[0, max]} allowDecimals={false} tickFormatter={formatCount} tick={{ fontSize: 12 }} />
      <YAxis type="category" dataKey="label" width={170} interval={0} tick={<WrappedTick notes={[]} />} />
      <Tooltip formatter={(value) => formatCount(Number(value))} />
      <Bar dataKey="n" name="Số lượt chọn" fill={CHOICE_COLOR} barSize={20} isAnimationActive={false}>
        <LabelList dataKey="text" position="right" fill="#1a1a1a" fontSize={12} />
      </Bar>
    </BarChart>
  );
}
