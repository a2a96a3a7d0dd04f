import { getOfficialPhoto } from '@/db/queries/officials';
import { handleErrors } from '@/server/error-response';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const notFound = () => new Response('Không tìm thấy ảnh.', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });

/**
 * GET /anh-can-bo/<id>?v=<photoVersion>: an active official's photo, public
 * (citizens see whom they rate on the survey and kiosk pages). The URL of a
 * photo changes with each new photo, so the current version is cached for a
 * year as immutable; another version (an old link) is answered without a
 * long cache, and an unknown, inactive or photo-less official is a 404.
 */
export function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleErrors('Official photo', async () => {
    const { id } = await params;
    if (!/^[1-9]\d{0,9}$/.test(id)) return notFound();
    const photo = await getOfficialPhoto({ officialId: Number(id) });
    if (!photo) return notFound();
    const current = new URL(req.url).searchParams.get('v') === String(photo.version);
    return new Response(new Uint8Array(photo.bytes), {
      headers: {
        'Content-Type': photo.mime,
        'Content-Length': String(photo.bytes.length),
        'Cache-Control': current ? 'public, max-age=31536000, immutable' : 'no-cache',
        'Content-Disposition': 'inline',
      },
    });
  });
}
