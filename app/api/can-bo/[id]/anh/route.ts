import { revalidatePath } from 'next/cache';
import { getOfficial, setOfficialPhoto } from '@/db/queries/officials';
import { can } from '@/lib/auth/roles';
import type { PhotoOutcome } from '@/lib/officials/photo';
import { getCurrentViewer } from '@/server/auth/viewer';
import { handleErrors } from '@/server/error-response';
import { crossSiteRefusal, readPostedPhoto } from '@/server/photo-upload';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * POST /api/can-bo/<id>/anh (multipart, field "anh"): a new photo for an
 * official of the viewer's offices. A plain form post, so it works without
 * JavaScript; under /api so that proxy.ts does not take it for a server
 * action bound by the actions' 1 MB limit. The answer is a 303 back to the
 * official's page with the outcome in the URL (?anh=…), which the page says
 * in Vietnamese. A body declared over the limit is never decoded: it is
 * drained (so the browser gets the answer rather than a reset) and refused.
 */
export function POST(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleErrors('Official photo upload', async () => {
    const { id } = await params;
    const viewer = await getCurrentViewer();
    if (!viewer || viewer.mustChangePassword || !can(viewer.role, 'officials.manage') || !/^[1-9]\d{0,9}$/.test(id)) {
      return new Response('Không tìm thấy.', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
    }
    const refusal = crossSiteRefusal(req);
    if (refusal) return refusal;
    // Another office's official (or none): answered before a byte of the body is decoded.
    if (!(await getOfficial({ viewer, officialId: Number(id) }))) {
      return new Response('Không tìm thấy.', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
    }
    const back = (outcome: PhotoOutcome) => new Response(null, { status: 303, headers: { Location: `/can-bo/${id}?anh=${outcome}#muc-anh` } });

    const posted = await readPostedPhoto(req);
    if (!posted.ok) return back(posted.problem);
    const saved = await setOfficialPhoto({ viewer, officialId: Number(id), photo: posted.photo });
    if (!saved) return new Response('Không tìm thấy.', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
    revalidatePath(`/can-bo/${id}`);
    return back('da-luu');
  });
}

