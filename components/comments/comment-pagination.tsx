import Link from 'next/link';
import { pageWindow } from '@/lib/comments';

/**
 * Numbered page links (the first, the last and two either side of the
 * current page) plus previous and next; `hrefFor` builds each page's URL
 * with the list's filters.
 */
export function CommentPagination({ page, pages, hrefFor }: { page: number; pages: number; hrefFor: (page: number) => string }) {
  if (pages <= 1) return null;
  return (
    <nav aria-label="Phân trang" className="pager">
      <ul>
        {page > 1 ? (
          <li>
            <Link href={hrefFor(page - 1)} rel="prev">
              ‹ Trang trước
            </Link>
          </li>
        ) : null}
        {pageWindow(page, pages).map((p, i) =>
          p === null ? (
            <li key={`gap-${i}`} aria-hidden="true">
              …
            </li>
          ) : p === page ? (
            <li key={p}>
              <span aria-current="page" className="pager-current">
                <span className="visually-hidden">Trang </span>
                {p}
              </span>
            </li>
          ) : (
            <li key={p}>
              <Link href={hrefFor(p)}>
                <span className="visually-hidden">Trang </span>
                {p}
              </Link>
            </li>
          ),
        )}
        {page < pages ? (
          <li>
            <Link href={hrefFor(page + 1)} rel="next">
              Trang sau ›
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
