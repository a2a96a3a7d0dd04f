import { UnitTreeOptions } from '@/components/ui/unit-tree';
import type { UnitTreeRow } from '@/lib/unit-tree';
import { UNIT_KINDS, UNIT_KIND_LABELS } from '@/lib/units';
import { dashboardQueryString, type DashboardQuery } from '@/lib/validation/dashboard';


/** Narrow the province view to a part of the tree or a kind of office; a plain GET form that keeps the period and sort. */
export function OfficeFilters({ query, units }: { query: DashboardQuery; units: UnitTreeRow[] }) {
  const kept = new URLSearchParams(dashboardQueryString(query));
  kept.delete('don-vi');
  kept.delete('loai');
  return (
    <form method="get" action="/thong-ke" className="office-filters box" aria-label="Lọc đơn vị">
      {[...kept].map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <label>
        Thuộc
        <select name="don-vi" defaultValue={query.unitId ? String(query.unitId) : ''}>
          <option value="">Mọi đơn vị trong phạm vi</option>
          <UnitTreeOptions rows={units} />
        </select>
      </label>
      <label>
        Loại đơn vị
        <select name="loai" defaultValue={query.kind ?? ''}>
          <option value="">Mọi loại</option>
          {UNIT_KINDS.map((k) => (
            <option key={k} value={k}>
              {UNIT_KIND_LABELS[k].vi}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="button secondary">
        Lọc
      </button>
    </form>
  );
}
