import { handleErrors } from '@/server/error-response';
import { loadOpenData } from '@/server/public-results';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * GET /cong-khai/<period>/du-lieu.json: the open data of a published period
 * with its definitions (lib/publishing/open-data.ts), the same rows as the
 * CSV. 404 unless published. Any site may read it (CORS). `?tinh=<id>` names
 * the province on a platform publishing for several.
 */
export function GET(req: Request, { params }: { params: Promise<{ period: string }> }) {
  return handleErrors(
    'Public open data (JSON)',
    async () => {
      const { period } = await params;
      const found = await loadOpenData(period, new URL(req.url).searchParams.get('tinh'));
      if ('missing' in found) return Response.json({ error: found.missing }, { status: 404 });
      return new Response(found.view.json(), {
        headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'public, no-cache', 'Access-Control-Allow-Origin': '*' },
      });
    },
    { format: 'json' },
  );
}
