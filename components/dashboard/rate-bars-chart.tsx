'use client';

import { Bar, BarChart, CartesianGrid, ErrorBar, Tooltip, XAxis, YAxis } from 'recharts';
import { formatPercent } from '@/lib/format';
import type { RateCell } from '@/lib/indicators/chart-data';
import { percentTick, RATE_COLOR } from './chart-style';
import { WrappedTick } from './wrapped-tick';

export type RateBar = RateCell & { name: string };

/**
 * Horizontal bars of satisfaction rates with their 95 % intervals, in the
 * order given; a row below the minimum sample has no bar, only its note.
 */
export function RateBarsChart({ rows, label }: { rows: RateBar[]; label: string }) {
  const notes = rows.map((r) => r.note);
  return (
    <BarChart
      data={rows}
      layout="vertical"
      responsive
      style={{ width: '100%', height: rows.length * 72 + 40 }}
      margin={{ top: 4, right: 16, bottom: 4, left: 4 }}
      role="img"
      aria-label={label}
      accessibilityLayer={false}
    >
      <CartesianGrid strokeDasharray="3 3" horizontal={false} />
      <XAxis type="number" domain={[0, 1]} ticks={[0, 0.25, 0.5, 0.75, 1]} tickFormatter={percentTick} tick={{ fontSize: 12 }} />
      <YAxis type="category" dataKey="name" width={170} interval={0} tick={<WrappedTick notes={notes} />} />
      <Tooltip formatter={(value) => formatPercent(value == null ? null : Number(value))} />
      <Bar dataKey="rate" name="Tỷ lệ hài lòng" fill={RATE_COLOR} barSize={22} isAnimationActive={false}>
        <ErrorBar dataKey="error" direction="x" width={8} stroke="#1a1a1a" strokeWidth={1.5} />
      </Bar>
    </BarChart>
  );
}
