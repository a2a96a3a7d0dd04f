import { attachmentHeader } from '@/lib/export/csv';
import { handleErrors } from '@/server/error-response';
import { loadPublicPeriod } from '@/server/public-results';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * GET /cong-khai/<period>/du-lieu.csv: the open data of a published period,
 * exactly its frozen rows (lib/publishing/open-data.ts; the columns are
 * defined on /cong-khai#dinh-nghia and in the JSON). 404 unless published.
 */
export function GET(_req: Request, { params }: { params: Promise<{ period: string }> }) {
  return handleErrors('Public open data (CSV)', async () => {
    const { period } = await params;
    const found = await loadPublicPeriod(period);
    if (!found) return new Response('Kỳ này chưa được công bố hoặc đã được thu hồi.', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
    const name = `hai-long-cong-khai-${found.view.period.key}.csv`;
    return new Response(found.view.csv(), {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': attachmentHeader(name, name),
        'Cache-Control': 'public, no-cache',
        'Access-Control-Allow-Origin': '*',
      },
    });
  });
}
