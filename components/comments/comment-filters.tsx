import Link from 'next/link';
import { COMMENT_STATUS_LABELS, COMMENT_STATUS_VALUES, type CommentQuery } from '@/lib/validation/comments';

/** A plain GET form: the filters live in the URL and work without JavaScript. */
export function CommentFilters({ query }: { query: CommentQuery }) {
  return (
    <form method="get" action="/gop-y" className="filter-row" aria-label="Lọc góp ý">
      <div className="field">
        <label htmlFor="loc-trang-thai">Trạng thái</label>
        <select id="loc-trang-thai" name="trang-thai" defaultValue={query.status ?? ''}>
          <option value="">Tất cả</option>
          {COMMENT_STATUS_VALUES.map((s) => (
            <option key={s} value={s}>
              {COMMENT_STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="loc-tu">Từ ngày</label>
        <input id="loc-tu" name="tu" type="date" defaultValue={query.fromDay ?? ''} />
      </div>
      <div className="field">
        <label htmlFor="loc-den">Đến ngày</label>
        <input id="loc-den" name="den" type="date" defaultValue={query.toDay ?? ''} />
      </div>
      <div className="field">
        <label className="check">
          <input type="checkbox" name="diem-thap" value="1" defaultChecked={query.lowOnly} />
          Chỉ điểm thấp (1–2)
        </label>
        <label className="check">
          <input type="checkbox" name="lien-he" value="1" defaultChecked={query.hasContact} />
          Có số liên hệ
        </label>
      </div>
      <div className="filter-buttons">
        <button type="submit" className="button">
          Lọc
        </button>
        <Link className="button secondary" href="/gop-y">
          Bỏ lọc
        </Link>
      </div>
    </form>
  );
}
