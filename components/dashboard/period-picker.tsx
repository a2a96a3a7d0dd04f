import Link from 'next/link';
import { DateInput } from '@/components/ui/date-input';
import { formatDayInput } from '@/lib/day-input';
import { dayKeyOf, PERIOD_PRESETS, PERIOD_PRESET_LABELS, presetPeriod, type Period } from '@/lib/indicators/periods';
import { BUCKET_LABELS, BUCKET_PARAMS, dashboardQueryString, type DashboardQuery } from '@/lib/validation/dashboard';
import type { Bucket } from '@/lib/indicators/periods';

/**
 * The period of a dashboard, kept in the URL: presets as links, a custom
 * range and the chart bucket as a plain GET form (works without JavaScript),
 * every other URL parameter kept.
 */
export function PeriodPicker({ basePath, query, now, showBucket }: { basePath: string; query: DashboardQuery; now: Date; showBucket?: boolean }) {
  const { period } = query;
  const withPeriod = (p: Period) => `${basePath}?${dashboardQueryString(query, { period: p })}`;
  const kept = new URLSearchParams(dashboardQueryString(query));
  for (const k of ['ky', 'tu', 'den', 'nhom']) kept.delete(k);
  return (
    <section className="period-picker box" aria-labelledby="ky-bao-cao">
      <h2 id="ky-bao-cao" className="period-title">
        Kỳ báo cáo
      </h2>
      <ul className="period-presets">
        {PERIOD_PRESETS.map((preset) => (
          <li key={preset}>
            <Link href={withPeriod(presetPeriod(preset, now))} aria-current={period.preset === preset ? 'true' : undefined}>
              {PERIOD_PRESET_LABELS[preset]}
            </Link>
          </li>
        ))}
      </ul>
      <form method="get" action={basePath} className="period-form">
        {[...kept].map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        <DateInput id="ky-tu" name="tu" label="Từ ngày" defaultValue={period.from} required className="period-date" />
        <DateInput id="ky-den" name="den" label="Đến ngày" defaultValue={period.to} required className="period-date" hint={`Đến hôm nay (${formatDayInput(dayKeyOf(now))}).`} />
        {showBucket ? (
          <label>
            Biểu đồ
            <select name="nhom" defaultValue={query.bucket ? BUCKET_PARAMS[query.bucket] : ''}>
              <option value="">Tự chọn</option>
              {(Object.keys(BUCKET_PARAMS) as Bucket[]).map((b) => (
                <option key={b} value={BUCKET_PARAMS[b]}>
                  {BUCKET_LABELS[b]}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <button type="submit" className="button secondary">
          Xem
        </button>
      </form>
    </section>
  );
}
