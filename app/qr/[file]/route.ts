import { getDb } from '@/db/client';
import { getPosterTarget } from '@/db/queries/posters';
import { getEnv } from '@/lib/env';
import { parseQrFileName, renderQrPng, renderQrSvg, surveyUrl } from '@/lib/qr';

export const runtime = 'nodejs';

const ONE_DAY = 60 * 60 * 24;

function notFound(): Response {
  return new Response('Không tìm thấy mã QR này. Mã có thể đã bị nhập sai hoặc đã ngừng sử dụng.', {
    status: 404,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

/** GET /qr/<code>.svg or /qr/<code>.png: the QR that opens the survey of an active office or counter. */
export async function GET(_req: Request, { params }: { params: Promise<{ file: string }> }) {
  const parsed = parseQrFileName((await params).file);
  if (!parsed) return notFound();
  if (!getPosterTarget(getDb(), { code: parsed.code })) return notFound();

  const url = surveyUrl(getEnv().PUBLIC_BASE_URL, parsed.code);
  const headers = { 'Cache-Control': `public, max-age=${ONE_DAY}` };
  if (parsed.format === 'svg') {
    return new Response(await renderQrSvg(url), { headers: { ...headers, 'Content-Type': 'image/svg+xml; charset=utf-8' } });
  }
  const png = await renderQrPng(url);
  return new Response(new Uint8Array(png), { headers: { ...headers, 'Content-Type': 'image/png' } });
}
