import type { IncomingMessage } from 'node:http';
import { eraseContacts, getErasureStatusByReceipt, listContactsByPhone, type ErasureStatus } from '@/db/queries/erasures';
import { can, type Viewer } from '@/lib/auth/roles';
import { getEnv } from '@/lib/env';
import { isSameOriginPost } from '@/lib/survey/origin';
import { CitizenErasureSchema, type StaffErasureInput } from '@/lib/validation/erasure';
import { decodeUrlEncoded, MAX_FORM_BYTES } from '@/lib/validation/form-encoding';
import { readBody } from './http';

/**
 * A citizen's phone number erased on request (PDPL 2025; the consent text
 * promises it within 2 working days): at once, by the citizen with the
 * receipt code (pages/xoa-so-dien-thoai.tsx, no account, no JavaScript), or
 * by staff for a request received by phone (/yeu-cau-xoa). Each erasure is
 * audited; the citizen sees by the receipt code that it is done.
 */

export type CitizenErasureOutcome =
  | { kind: 'done'; receiptCode: string }
  | { kind: 'invalid'; status: 400 | 403 | 413 | 415 | 422; errors: Record<string, string>; receiptCode: string };

/**
 * The citizen's plain form post: same-origin check → parse → validate →
 * erase. Erasing what is already gone, or a code without a number, ends on
 * the same status page, which says so.
 */
export async function handleCitizenErasurePost(req: IncomingMessage, now = new Date()): Promise<CitizenErasureOutcome> {
  const origin = { origin: one(req.headers.origin), secFetchSite: one(req.headers['sec-fetch-site']), host: one(req.headers.host) };
  const refuse = (status: 400 | 403 | 413 | 415 | 422, message: string, receiptCode = '', field = 'form'): CitizenErasureOutcome => ({
    kind: 'invalid',
    status,
    errors: { [field]: message },
    receiptCode,
  });
  if (!isSameOriginPost(origin, getEnv().PUBLIC_BASE_URL)) {
    req.resume();
    return refuse(403, 'Yêu cầu này phải được gửi từ trang của Hài Lòng. Ông/Bà vui lòng mở lại trang và gửi lại.');
  }
  const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    req.resume();
    return refuse(415, 'Dữ liệu gửi lên không đúng dạng biểu mẫu.');
  }
  const body = await readBody(req, MAX_FORM_BYTES);
  if (!body.ok) return refuse(413, 'Dữ liệu gửi lên quá lớn.');
  const decoded = decodeUrlEncoded(body.body);
  if (!decoded.ok) return refuse(400, 'Dữ liệu gửi lên không hợp lệ.');
  const raw = { ma: decoded.fields.get('ma')?.[0] ?? '', dongY: decoded.fields.get('dongY')?.[0] };
  const parsed = CitizenErasureSchema.safeParse(raw);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const i of parsed.error.issues) errors[String(i.path[0])] ??= i.message;
    return { kind: 'invalid', status: 422, errors, receiptCode: raw.ma.trim().slice(0, 32) };
  }
  const status = await getErasureStatusByReceipt({ receiptCode: parsed.data.ma });
  if (status.kind === 'stored') await eraseContacts({ targets: [status], channel: 'citizen', recordedBy: null, note: null, now });
  return { kind: 'done', receiptCode: parsed.data.ma };
}

export function erasureStatus(receiptCode: string): Promise<ErasureStatus> {
  return getErasureStatusByReceipt({ receiptCode });
}

export type StaffErasureResult =
  | { status: 'erased'; count: number }
  /** Nothing of that code or number in the viewer's subtree. */
  | { status: 'not_found' }
  | { status: 'already'; erasedAt: Date }
  | { status: 'none' };

/** Staff record a request received by phone or in person (viewers with 'contacts.erase', in their subtree). */
export async function recordErasureByStaff(viewer: Pick<Viewer, 'userId' | 'role' | 'scopePath'>, input: StaffErasureInput, now = new Date()): Promise<StaffErasureResult> {
  if (!can(viewer.role, 'contacts.erase')) return { status: 'not_found' };
  if (input.by === 'receipt') {
    const s = await getErasureStatusByReceipt({ receiptCode: input.receiptCode, viewer });
    if (s.kind === 'unknown') return { status: 'not_found' };
    if (s.kind === 'erased') return { status: 'already', erasedAt: s.erasedAt };
    if (s.kind === 'none') return { status: 'none' };
    const count = await eraseContacts({ targets: [s], channel: 'staff', recordedBy: viewer.userId, note: input.note, now });
    return count ? { status: 'erased', count } : { status: 'already', erasedAt: now };
  }
  const targets = await listContactsByPhone({ viewer, phones: input.phones });
  if (targets.length === 0) return { status: 'not_found' };
  const count = await eraseContacts({ targets, channel: 'staff', recordedBy: viewer.userId, note: input.note, now });
  return count ? { status: 'erased', count } : { status: 'not_found' };
}

function one(v: string | string[] | undefined): string | null {
  return (Array.isArray(v) ? v[0] : v) ?? null;
}
