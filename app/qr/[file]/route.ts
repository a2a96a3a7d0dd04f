import { getPosterTarget } from '@/db/queries/posters';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { parseQrFileName, renderQrPng, renderQrSvg, surveyUrl } from '@/lib/qr';
import { errorResponse, handleErrors } from '@/server/error-response';

export const runtime = 'nodejs';

const ONE_DAY = 60 * 60 * 24;

const NOT_FOUND = new AppError('not_found', {
  detail: {
    vi: 'Không tìm thấy mã QR này. Mã có thể đã bị nhập sai hoặc đã ngừng sử dụng.',
    en: 'This QR code was not found. It may have been mistyped or is no longer in use.',
  },
});

/**
 * GET /qr/<code>.svg or /qr/<code>.png: the QR that opens the survey of an
 * active office or counter. Text errors (the link is opened directly or by
 * an <img>); a busy database answers 503 with Retry-After.
 */
export function GET(_req: Request, { params }: { params: Promise<{ file: string }> }) {
  return handleErrors(
    'qr',
    async () => {
      const parsed = parseQrFileName((await params).file);
      if (!parsed || !(await getPosterTarget({ code: parsed.code }))) return errorResponse(NOT_FOUND, { format: 'text' });

      const url = surveyUrl(getEnv().PUBLIC_BASE_URL, parsed.code);
      const headers = { 'Cache-Control': `public, max-age=${ONE_DAY}` };
      if (parsed.format === 'svg') {
        return new Response(await renderQrSvg(url), { headers: { ...headers, 'Content-Type': 'image/svg+xml; charset=utf-8' } });
      }
      const png = await renderQrPng(url);
      return new Response(new Uint8Array(png), { headers: { ...headers, 'Content-Type': 'image/png' } });
    },
    { format: 'text' },
  );
}
