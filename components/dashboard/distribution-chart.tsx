'use client';

import { Bar, BarChart, LabelList, Tooltip, XAxis, YAxis } from 'recharts';
import { formatPercent } from '@/lib/format';
import type { DistributionRow } from '@/lib/indicators/chart-data';
import { SCALE_LABELS, SCALE_VALUES } from '@/lib/survey/scale';
import { LEVEL_COLORS, percentTick } from './chart-style';
import { WrappedTick } from './wrapped-tick';

/** Shares under this are too narrow to hold their number; the table has them all. */
const MIN_LABELLED_SHARE = 0.07;

/** 100 % stacked bars of the five levels per aspect, 5 → 1 from the left as on the survey. */
export function DistributionChart({ rows, label }: { rows: DistributionRow[]; label: string }) {
  return (
    <BarChart
      data={rows}
      layout="vertical"
      responsive
      style={{ width: '100%', height: rows.length * 56 + 40 }}
      margin={{ top: 4, right: 16, bottom: 4, left: 4 }}
      role="img"
      aria-label={label}
      accessibilityLayer={false}
      stackOffset="expand"
    >
      <XAxis type="number" domain={[0, 1]} ticks={[0, 0.25, 0.5, 0.75, 1]} tickFormatter={percentTick} tick={{ fontSize: 12 }} />
      <YAxis type="category" dataKey="label" width={170} interval={0} tick={<WrappedTick notes={rows.map((r) => r.note)} />} />
      <Tooltip formatter={(value) => formatPercent(value == null ? null : Number(value))} />
      {SCALE_VALUES.map((level) => (
        <Bar
          key={level}
          dataKey={(row: DistributionRow) => row.stack[`l${level}`]}
          name={SCALE_LABELS[level].vi}
          stackId="levels"
          fill={LEVEL_COLORS[level].fill}
          stroke="#ffffff"
          strokeWidth={1}
          barSize={28}
          isAnimationActive={false}
        >
          <LabelList
            dataKey={(row: DistributionRow) => row.stack[`l${level}`]}
            position="center"
            fill={LEVEL_COLORS[level].text}
            fontSize={12}
            formatter={(v: unknown) => (typeof v === 'number' && v >= MIN_LABELLED_SHARE ? percentTick(v) : '')}
          />
        </Bar>
      ))}
    </BarChart>
  );
}
