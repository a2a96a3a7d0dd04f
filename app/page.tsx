import Link from 'next/link';
import type { Metadata } from 'next';
import { getDb } from '@/db/client';
import { listOfficesGrouped, searchOffices } from '@/db/queries/office-search';
import { OfficeGroups, OfficeResults } from '@/components/home/office-list';
import { OfficeSearchForm } from '@/components/home/office-search-form';
import { SiteFooter } from '@/components/home/site-footer';
import { MAIN_ID, SiteHeader } from '@/components/home/site-header';

const RESULT_LIMIT = 50;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

async function readQuery(searchParams: Props['searchParams']): Promise<string> {
  const raw = (await searchParams).q;
  return (Array.isArray(raw) ? raw[0] : raw)?.trim().slice(0, 100) ?? '';
}

/** A results page gets its own title, so screen readers announce the search was done. */
export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const query = await readQuery(searchParams);
  return query ? { title: `Tìm “${query}”` } : {};
}

export default async function HomePage({ searchParams }: Props) {
  const query = await readQuery(searchParams);
  const db = getDb();
  // One extra row tells whether the list was cut.
  const found = query ? searchOffices(db, { query, limit: RESULT_LIMIT + 1 }) : null;
  const results = found?.slice(0, RESULT_LIMIT) ?? null;
  const more = (found?.length ?? 0) > RESULT_LIMIT;
  const groups = results ? [] : listOfficesGrouped(db);

  return (
    <>
      <SiteHeader asHeading>
        <div className="home-intro">
          <p className="home-lead">Ông/Bà vừa đến làm thủ tục hành chính? Hãy cho cơ quan biết Ông/Bà có hài lòng hay không.</p>
          <p>
            Đánh giá hoàn toàn ẩn danh và chỉ mất chưa tới 15 giây. Cách nhanh nhất là quét mã QR dán tại quầy; hoặc tìm cơ quan
            ở dưới đây.
          </p>
        </div>
      </SiteHeader>
      <main id={MAIN_ID} className="container home-main">
        <section aria-labelledby="tim-co-quan">
          <h2 id="tim-co-quan">Chọn cơ quan để đánh giá</h2>
          <OfficeSearchForm query={query} />
        </section>

        {results ? (
          <section aria-labelledby="ket-qua" className="home-results">
            <h2 id="ket-qua">
              {results.length > 0
                ? `Tìm thấy ${more ? `hơn ${RESULT_LIMIT}` : results.length} cơ quan cho “${query}”`
                : `Không tìm thấy cơ quan nào cho “${query}”`}
            </h2>
            {results.length > 0 ? (
              <>
                {more ? <p>Chỉ hiện {RESULT_LIMIT} cơ quan đầu tiên; Ông/Bà hãy gõ thêm tên xã, phường để thu hẹp.</p> : null}
                <OfficeResults offices={results} />
              </>
            ) : (
              <div className="notice">
                <p>Ông/Bà hãy thử gõ ngắn hơn, chẳng hạn chỉ tên xã, phường hoặc tên cơ quan, có dấu hay không dấu đều được.</p>
              </div>
            )}
            <p>
              <Link className="button secondary" href="/">
                Xem tất cả cơ quan
              </Link>
            </p>
          </section>
        ) : (
          <section aria-labelledby="tat-ca" className="home-results">
            <h2 id="tat-ca">Tất cả cơ quan</h2>
            {groups.length > 0 ? <OfficeGroups groups={groups} /> : <p className="notice">Chưa có cơ quan nào nhận đánh giá.</p>}
          </section>
        )}
      </main>
      <SiteFooter />
    </>
  );
}
