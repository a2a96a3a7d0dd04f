import { revalidatePath } from 'next/cache';
import { getGoodExample } from '@/db/queries/publishing';
import { can } from '@/lib/auth/roles';
import type { ExamplePhotoOutcome } from '@/lib/validation/publishing';
import { getCurrentViewer } from '@/server/auth/viewer';
import { handleErrors } from '@/server/error-response';
import { crossSiteRefusal, readPostedPhoto } from '@/server/photo-upload';
import { setGoodExamplePhotoFor } from '@/server/publishing';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const notFound = () => new Response('Không tìm thấy.', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });

/**
 * POST /api/cong-bo/vi-du/<id>/anh (multipart, field "anh"): the photo of a
 * good example of an office in the viewer's scope (publishing.manage),
 * decoded and re-encoded as officials' photos are (server/official-photos.ts:
 * resized, no metadata), audited. A plain form post like the officials'
 * upload (app/api/can-bo/[id]/anh), answered with a 303 back to /cong-bo
 * with the outcome in the URL.
 */
export function POST(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleErrors('Good example photo upload', async () => {
    const { id } = await params;
    const viewer = await getCurrentViewer();
    if (!viewer || viewer.mustChangePassword || !can(viewer.role, 'publishing.manage') || !/^[1-9]\d{0,9}$/.test(id)) return notFound();
    const refusal = crossSiteRefusal(req);
    if (refusal) return refusal;
    const exampleId = Number(id);
    if (!(await getGoodExample({ viewer, exampleId }))) return notFound();
    const back = (outcome: ExamplePhotoOutcome) => new Response(null, { status: 303, headers: { Location: `/cong-bo?anh=${outcome}&vi-du=${id}#vi-du-${id}` } });

    const posted = await readPostedPhoto(req);
    if (!posted.ok) return back(posted.problem);
    if (!(await setGoodExamplePhotoFor({ viewer, exampleId, photo: { mime: posted.photo.mime, bytes: posted.photo.bytes } }))) return notFound();
    revalidatePath('/cong-bo');
    return back('da-luu');
  });
}

