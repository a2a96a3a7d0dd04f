import { revalidatePath } from 'next/cache';
import { getGoodExample } from '@/db/queries/publishing';
import { can } from '@/lib/auth/roles';
import { PHOTO_MAX_BYTES } from '@/lib/officials/photo';
import type { ExamplePhotoOutcome } from '@/lib/validation/publishing';
import { getCurrentViewer } from '@/server/auth/viewer';
import { handleErrors } from '@/server/error-response';
import { processOfficialPhoto } from '@/server/official-photos';
import { setGoodExamplePhotoFor } from '@/server/publishing';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** What a multipart body may carry beyond the file itself. */
const FORM_OVERHEAD_BYTES = 16 * 1024;
/** Beyond this a body is not even drained. */
const DRAIN_LIMIT_BYTES = 32 * 1024 * 1024;

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
    const origin = req.headers.get('origin');
    if (origin && origin !== new URL(req.url).origin && origin !== process.env.NEXTAUTH_URL?.replace(/\/$/, '')) {
      return new Response('Yêu cầu không hợp lệ.', { status: 403, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
    }
    const exampleId = Number(id);
    if (!(await getGoodExample({ viewer, exampleId }))) return notFound();
    const back = (outcome: ExamplePhotoOutcome) => new Response(null, { status: 303, headers: { Location: `/cong-bo?anh=${outcome}&vi-du=${id}#vi-du-${id}` } });

    const declared = Number(req.headers.get('content-length') ?? NaN);
    if (Number.isFinite(declared) && declared > PHOTO_MAX_BYTES + FORM_OVERHEAD_BYTES) {
      if (declared <= DRAIN_LIMIT_BYTES && req.body) await drain(req.body);
      return back('qua-lon');
    }
    let form: FormData;
    try {
      form = await req.formData();
    } catch {
      return back('chua-chon');
    }
    const file = form.get('anh');
    if (!(file instanceof File) || file.size === 0) return back('chua-chon');
    if (file.size > PHOTO_MAX_BYTES) return back('qua-lon');
    const processed = await processOfficialPhoto(Buffer.from(await file.arrayBuffer()));
    if (!processed.ok) return back(processed.error);
    if (!(await setGoodExamplePhotoFor({ viewer, exampleId, photo: { mime: processed.photo.mime, bytes: processed.photo.bytes } }))) return notFound();
    revalidatePath('/cong-bo');
    return back('da-luu');
  });
}

async function drain(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  for (let read = 0; read <= DRAIN_LIMIT_BYTES; ) {
    const { done, value } = await reader.read();
    if (done) return;
    read += value.length;
  }
  await reader.cancel();
}
