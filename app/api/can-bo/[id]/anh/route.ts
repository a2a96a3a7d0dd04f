import { revalidatePath } from 'next/cache';
import { getOfficial, setOfficialPhoto } from '@/db/queries/officials';
import { can } from '@/lib/auth/roles';
import { PHOTO_MAX_BYTES, type PhotoOutcome } from '@/lib/officials/photo';
import { getCurrentViewer } from '@/server/auth/viewer';
import { handleErrors } from '@/server/error-response';
import { processOfficialPhoto } from '@/server/official-photos';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** What a multipart body may carry beyond the file itself (boundaries, headers, the file name). */
const FORM_OVERHEAD_BYTES = 16 * 1024;

/** Beyond this a body is not even drained: the connection is simply answered. */
const DRAIN_LIMIT_BYTES = 32 * 1024 * 1024;

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
    // A form posted from another site carries no session cookie (SameSite=Lax), but say no plainly anyway.
    const origin = req.headers.get('origin');
    if (origin && origin !== new URL(req.url).origin && origin !== process.env.NEXTAUTH_URL?.replace(/\/$/, '')) {
      return new Response('Yêu cầu không hợp lệ.', { status: 403, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
    }
    // Another office's official (or none): answered before a byte of the body is decoded.
    if (!(await getOfficial({ viewer, officialId: Number(id) }))) {
      return new Response('Không tìm thấy.', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
    }
    const back = (outcome: PhotoOutcome) => new Response(null, { status: 303, headers: { Location: `/can-bo/${id}?anh=${outcome}#muc-anh` } });

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
    const saved = await setOfficialPhoto({ viewer, officialId: Number(id), photo: processed.photo });
    if (!saved) return new Response('Không tìm thấy.', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
    revalidatePath(`/can-bo/${id}`);
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
