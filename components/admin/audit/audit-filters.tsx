import Link from 'next/link';
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
      <div className="field">
        <label htmlFor="loc-tu">Từ ngày</label>
        <input id="loc-tu" name="tu" type="date" defaultValue={props.current.tu ?? ''} />
      </div>
      <div className="field">
        <label htmlFor="loc-den">Đến ngày</label>
        <input id="loc-den" name="den" type="date" defaultValue={props.current.den ?? ''} />
      </div>
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
