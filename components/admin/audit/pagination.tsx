import Link from 'next/link';

/** Previous / next links that keep the filters; `hrefFor` builds each page's URL. */
export function Pagination({ page, pages, hrefFor }: { page: number; pages: number; hrefFor: (page: number) => string }) {
  if (pages <= 1) return null;
  return (
    <nav aria-label="Phân trang" className="pagination">
      {page > 1 ? (
        <Link href={hrefFor(1)}>« Trang đầu</Link>
      ) : null}
      {page > 1 ? (
        <Link href={hrefFor(Math.min(page - 1, pages))} rel="prev">
          ‹ Trang trước
        </Link>
      ) : null}
      <span aria-current="page">
        Trang {Math.min(page, pages)} / {pages}
      </span>
      {page < pages ? (
        <Link href={hrefFor(page + 1)} rel="next">
          Trang sau ›
        </Link>
      ) : null}
      {page < pages ? <Link href={hrefFor(pages)}>Trang cuối »</Link> : null}
    </nav>
  );
}
