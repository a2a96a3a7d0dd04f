import Link from 'next/link';
import { DateInput } from '@/components/ui/date-input';
import type { Option } from '@/components/ui/field';

/**
 * A plain GET form: the filters live in the URL, so a filtered view can be
 * bookmarked or sent, and the page works without JavaScript.
 */
export function AuditFilters(props: {
  actions: Option[];
  actors: Option[];
  current: { action?: string; actor?: string; tu?: string; den?: string };
}) {
  return (
    <form method="get" action="/quan-tri/nhat-ky" className="filter-row" aria-label="Lọc nhật ký">
      <div className="field">
        <label htmlFor="loc-action">Hành động</label>
        <select id="loc-action" name="action" defaultValue={props.current.action ?? ''}>
          <option value="">Tất cả</option>
          {props.actions.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="loc-actor">Người thực hiện</label>
        <select id="loc-actor" name="actor" defaultValue={props.current.actor ?? ''}>
          <option value="">Tất cả</option>
          {props.actors.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <DateInput id="loc-tu" name="tu" label="Từ ngày" defaultValue={props.current.tu} />
      <DateInput id="loc-den" name="den" label="Đến ngày" defaultValue={props.current.den} />
      <div className="filter-buttons">
        <button type="submit" className="button">
          Lọc
        </button>
        <Link className="button secondary" href="/quan-tri/nhat-ky">
          Bỏ lọc
        </Link>
      </div>
    </form>
  );
}
