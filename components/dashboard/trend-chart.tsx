'use client';

import { Bar, CartesianGrid, ComposedChart, ErrorBar, Line, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCount, formatPercent } from '@/lib/format';
import type { TrendRow } from '@/lib/indicators/chart-data';
import { COUNT_COLOR, DISSATISFIED_COLOR, percentTick, RATE_COLOR } from './chart-style';

/**
 * Valid ratings per bucket (bars, left axis) and the headline satisfaction
 * rate with its 95 % interval (line and error bars, right axis), drawn only
 * where a bucket has enough data: a gap, not a dip, elsewhere.
 */
export function TrendChart({ rows, label }: { rows: TrendRow[]; label: string }) {
  return (
    <ComposedChart
      data={rows}
      responsive
      style={{ width: '100%', height: 320 }}
      margin={{ top: 8, right: 4, bottom: 4, left: 4 }}
      role="img"
      aria-label={label}
      accessibilityLayer={false}
    >
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="label" tick={{ fontSize: 12 }} minTickGap={8} />
      <YAxis yAxisId="n" allowDecimals={false} tickFormatter={formatCount} width={44} tick={{ fontSize: 12 }} />
      <YAxis yAxisId="rate" orientation="right" domain={[0, 1]} ticks={[0, 0.25, 0.5, 0.75, 1]} tickFormatter={percentTick} width={56} tick={{ fontSize: 12 }} />
      <Tooltip
        formatter={(value, name) => (name === 'Số đánh giá hợp lệ' ? formatCount(Number(value)) : formatPercent(value == null ? null : Number(value)))}
      />
      <Bar yAxisId="n" dataKey="responses" name="Số đánh giá hợp lệ" fill={COUNT_COLOR} isAnimationActive={false} />
      <Line yAxisId="rate" dataKey="rate" name="Tỷ lệ hài lòng chung" stroke={RATE_COLOR} strokeWidth={2} dot={{ r: 3, fill: RATE_COLOR }} connectNulls={false} isAnimationActive={false}>
        <ErrorBar dataKey="error" direction="y" width={6} stroke={RATE_COLOR} strokeWidth={1.5} />
      </Line>
      <Line
        yAxisId="rate"
        dataKey="dissatisfied"
        name="Tỷ lệ không hài lòng"
        stroke={DISSATISFIED_COLOR}
        strokeWidth={2}
        strokeDasharray="6 4"
        dot={{ r: 2, fill: DISSATISFIED_COLOR }}
        connectNulls={false}
        isAnimationActive={false}
      />
    </ComposedChart>
  );
}
