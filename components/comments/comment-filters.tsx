import Link from 'next/link';
import { DateInput } from '@/components/ui/date-input';
import {
  COMMENT_ORDER_LABELS,
  COMMENT_ORDERS,
  COMMENT_SEARCH_MAX,
  COMMENT_STATUS_FILTER_LABELS,
  COMMENT_STATUS_FILTERS,
  orderParam,
  type CommentQuery,
} from '@/lib/validation/comments';

/** A plain GET form: the filters live in the URL and work without JavaScript. */
export function CommentFilters({ query }: { query: CommentQuery }) {
  return (
    <form method="get" action="/gop-y" className="comment-filters" aria-label="Lọc góp ý" role="search">
      <div className="field">
        <label htmlFor="loc-ma">Mã tra cứu</label>
        <input
          id="loc-ma"
          name="ma"
          type="text"
          maxLength={20}
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="characters"
          defaultValue={query.receiptCode ?? ''}
          aria-describedby="loc-ma-hint"
        />
      </div>
      <div className="field wide">
        <label htmlFor="loc-tim">Tìm trong nội dung</label>
        <input id="loc-tim" name="tim" type="search" maxLength={COMMENT_SEARCH_MAX} defaultValue={query.text ?? ''} aria-describedby="loc-tim-hint" />
      </div>
      <div className="field">
        <label htmlFor="loc-trang-thai">Trạng thái</label>
        <select id="loc-trang-thai" name="trang-thai" defaultValue={query.status ?? ''}>
          <option value="">Tất cả</option>
          {COMMENT_STATUS_FILTERS.map((s) => (
            <option key={s} value={s}>
              {COMMENT_STATUS_FILTER_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="loc-sap-xep">Sắp xếp</label>
        <select id="loc-sap-xep" name="sap-xep" defaultValue={orderParam(query.order)}>
          {COMMENT_ORDERS.map((o) => (
            <option key={o} value={orderParam(o)}>
              {COMMENT_ORDER_LABELS[o]}
            </option>
          ))}
        </select>
      </div>
      <DateInput id="loc-tu" name="tu" label="Từ ngày" defaultValue={query.fromDay} />
      <DateInput id="loc-den" name="den" label="Đến ngày" defaultValue={query.toDay} />
      <div className="field checks wide">
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
      <p className="hint filter-help">
        <span id="loc-ma-hint">Mã tra cứu: 8 ký tự in trên trang cảm ơn của người dân.</span>{' '}
        <span id="loc-tim-hint">Tìm trong nội dung: góp ý phải có mọi từ; gõ có dấu hay không dấu đều được.</span>
      </p>
    </form>
  );
}
