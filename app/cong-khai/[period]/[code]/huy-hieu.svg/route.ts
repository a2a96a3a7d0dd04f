import { pickLang } from '@/lib/i18n';
import { badgeSvg } from '@/lib/publishing/badge';
import { handleErrors } from '@/server/error-response';
import { loadPublicOfficeFigure } from '@/server/public-results';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const notFound = () => new Response('Không tìm thấy.', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache' } });

/**
 * GET /cong-khai/<period>/<code>/huy-hieu.svg[?lang=en]: an office's badge
 * with its published rate and the period (lib/publishing/badge.ts), to embed
 * on other sites. Only published figures; a period not published, withdrawn
 * or without this office is a 404. Kept by caches for five minutes, so a
 * withdrawal reaches the pages that embed it soon.
 */
export function GET(req: Request, { params }: { params: Promise<{ period: string; code: string }> }) {
  return handleErrors('Public badge', async () => {
    const { period, code } = await params;
    const found = await loadPublicOfficeFigure(period, code);
    if (!found) return notFound();
    const svg = badgeSvg({ figure: found.figure, period: found.view.period, lang: pickLang(new URL(req.url).searchParams.get('lang')) });
    return new Response(svg, {
      headers: {
        'Content-Type': 'image/svg+xml; charset=utf-8',
        'Cache-Control': 'public, max-age=300',
        // Other sites embed it with <img>: let them.
        'Cross-Origin-Resource-Policy': 'cross-origin',
      },
    });
  });
}
