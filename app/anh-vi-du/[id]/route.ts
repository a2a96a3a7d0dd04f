import { getPublishedGoodExamplePhoto } from '@/db/queries/publishing';
import { handleErrors } from '@/server/error-response';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const notFound = () => new Response('Không tìm thấy ảnh.', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });

/**
 * GET /anh-vi-du/<id>?v=<updatedAt>: the photo of a published good example
 * (re-encoded on upload, no metadata: docs/decisions/024). An example not
 * published (or without a photo) is a 404. Caches keep the current version
 * ten minutes (an example taken off the page must leave soon); any change to
 * the example makes a new URL.
 */
export function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleErrors('Good example photo', async () => {
    const { id } = await params;
    if (!/^[1-9]\d{0,9}$/.test(id)) return notFound();
    const photo = await getPublishedGoodExamplePhoto({ exampleId: Number(id) });
    if (!photo) return notFound();
    const current = new URL(req.url).searchParams.get('v') === String(photo.updatedAt.getTime());
    return new Response(new Uint8Array(photo.bytes), {
      headers: {
        'Content-Type': photo.mime,
        'Content-Length': String(photo.bytes.length),
        'Cache-Control': current ? 'public, max-age=600' : 'no-cache',
        'Content-Disposition': 'inline',
      },
    });
  });
}
