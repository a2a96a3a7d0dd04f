import { attachmentHeader } from '@/lib/export/csv';
import { handleErrors } from '@/server/error-response';
import { loadOpenData } from '@/server/public-results';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * GET /cong-khai/<period>/du-lieu.csv: the open data of a published period,
 * exactly its frozen rows (lib/publishing/open-data.ts; the columns are
 * defined on /cong-khai#dinh-nghia and in the JSON). 404 unless published.
 * `?tinh=<id>` names the province on a platform publishing for several.
 */
export function GET(req: Request, { params }: { params: Promise<{ period: string }> }) {
  return handleErrors('Public open data (CSV)', async () => {
    const { period } = await params;
    const found = await loadOpenData(period, new URL(req.url).searchParams.get('tinh'));
    if ('missing' in found) return new Response(found.missing, { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
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
