import type { StoredPhoto } from '@/db/queries/officials';
import { PHOTO_MAX_BYTES } from '@/lib/officials/photo';
import { processOfficialPhoto } from './official-photos';

/**
 * A photo posted as a plain multipart form (field "anh") — an official's, a
 * good example's — read within the size limit, decoded and re-encoded
 * (server/official-photos.ts). The routes are plain form posts under /api, so
 * they work without JavaScript and are not bound by server actions' 1 MB.
 */

/** What a multipart body may carry beyond the file itself (boundaries, headers, the file name). */
const FORM_OVERHEAD_BYTES = 16 * 1024;

/** Beyond this a body is not even drained: the connection is simply answered. */
const DRAIN_LIMIT_BYTES = 32 * 1024 * 1024;

/** What went wrong with the post, in the words of the pages' `?anh=` outcomes. */
export type PostedPhotoProblem = 'qua-lon' | 'chua-chon' | 'khong-phai-anh';

/**
 * A form posted from another site carries no session cookie (SameSite=Lax), but
 * say no plainly anyway: the refusal to answer, or null for a post from here.
 */
export function crossSiteRefusal(req: Request): Response | null {
  const origin = req.headers.get('origin');
  if (!origin || origin === new URL(req.url).origin || origin === process.env.NEXTAUTH_URL?.replace(/\/$/, '')) return null;
  return new Response('Yêu cầu không hợp lệ.', { status: 403, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

/**
 * The posted photo, re-encoded, or the problem. A body declared over the limit
 * is never decoded: it is drained (so the browser gets the answer rather than a
 * reset) and refused.
 */
export async function readPostedPhoto(req: Request): Promise<{ ok: true; photo: StoredPhoto } | { ok: false; problem: PostedPhotoProblem }> {
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > PHOTO_MAX_BYTES + FORM_OVERHEAD_BYTES) {
    if (declared <= DRAIN_LIMIT_BYTES && req.body) await drain(req.body);
    return { ok: false, problem: 'qua-lon' };
  }
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    return { ok: false, problem: 'chua-chon' };
  }
  const file = form.get('anh');
  if (!(file instanceof File) || file.size === 0) return { ok: false, problem: 'chua-chon' };
  if (file.size > PHOTO_MAX_BYTES) return { ok: false, problem: 'qua-lon' };
  const processed = await processOfficialPhoto(Buffer.from(await file.arrayBuffer()));
  return processed.ok ? { ok: true, photo: processed.photo } : { ok: false, problem: processed.error };
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
