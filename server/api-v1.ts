import { createAuditEntry } from '@/db/queries/audit';
import { getDossierByCode, getDossierRating, type DossierRating, type DossierView } from '@/db/queries/dossiers';
import type { ApiCaller } from '@/db/queries/integrations';
import { dossierUrl, renderReceiptQrPng, renderReceiptQrSvg } from '@/lib/dossiers/link';
import { getEnv } from '@/lib/env';
import { toAppError } from '@/lib/errors';
import { bearerKey } from '@/lib/integration-key';
import { checkApiDossier, parseDossierCodeParam, type DossierProblem } from '@/lib/validation/dossier';
import { clientAddressFromHeaders, networkHashOf } from './client-address';
import { readRequestText } from './http';
import { logger } from './log';
import { registerDossierByApi, type RegistrationProblem } from './dossiers';
import { admitApiCall, authenticateApiKey } from './integrations';

/**
 * The integration API under /api/v1/ (issue 17, docs/decisions/027, the
 * contract in docs/api/openapi.yaml). Route handlers are one line; here each
 * call reads as guard clauses — the key (401), the rate limit (429), the
 * input (400/413/415/422), the rules (404/409) — then the use case. Every
 * answer is JSON, never cached; every error is RFC 9457 problem details with
 * a Vietnamese title and detail and a machine `code`. Every call with a valid
 * key is audited with the key as actor (audit_log.integration_id).
 */

const NO_STORE = { 'Cache-Control': 'no-store' };
export const BODY_LIMIT_BYTES = 16 * 1024;

export type ProblemCode =
  | 'unauthenticated'
  | 'rate_limited'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'malformed_json'
  | 'invalid_dossier'
  | 'unknown_office'
  | 'not_found'
  | 'code_elsewhere'
  | 'other_office'
  | 'unavailable'
  | 'internal';

const TITLES: Record<ProblemCode, { status: number; title: string }> = {
  unauthenticated: { status: 401, title: 'Thiếu khóa API hoặc khóa không hợp lệ' },
  rate_limited: { status: 429, title: 'Gọi quá nhiều lần trong thời gian ngắn' },
  unsupported_media_type: { status: 415, title: 'Định dạng dữ liệu không được hỗ trợ' },
  payload_too_large: { status: 413, title: 'Dữ liệu gửi lên quá lớn' },
  malformed_json: { status: 400, title: 'Nội dung không phải JSON hợp lệ' },
  invalid_dossier: { status: 422, title: 'Hồ sơ không hợp lệ' },
  unknown_office: { status: 422, title: 'Mã đơn vị không hợp lệ' },
  not_found: { status: 404, title: 'Không tìm thấy hồ sơ' },
  code_elsewhere: { status: 409, title: 'Mã hồ sơ đã thuộc phạm vi khác' },
  other_office: { status: 409, title: 'Mã hồ sơ đã được đăng ký cho đơn vị khác' },
  unavailable: { status: 503, title: 'Hệ thống tạm thời không phục vụ được' },
  internal: { status: 500, title: 'Lỗi ngoài ý muốn' },
};

export type ProblemError = { pointer: string; detail: string };

/** An `application/problem+json` answer (RFC 9457); `errors` lists field problems by JSON pointer. */
export function problem(code: ProblemCode, detail: string, opts: { errors?: ProblemError[]; headers?: Record<string, string>; instance?: string; extra?: Record<string, unknown> } = {}): Response {
  const { status, title } = TITLES[code];
  const body = { type: `urn:hai-long:problem:${code}`, title, status, detail, code, ...(opts.instance ? { instance: opts.instance } : {}), ...(opts.errors ? { errors: opts.errors } : {}), ...opts.extra };
  return new Response(JSON.stringify(body), { status, headers: { ...NO_STORE, 'Content-Type': 'application/problem+json; charset=utf-8', ...opts.headers } });
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...NO_STORE, 'Content-Type': 'application/json; charset=utf-8', ...headers } });
}

type Call = { caller: ApiCaller; now: Date };

/**
 * Authenticates and admits one call, then runs `work`; a thrown error becomes
 * a 503 (database busy or unreachable, with Retry-After) or a 500, its stack
 * only in the log.
 */
async function apiCall(req: Request, what: string, work: (call: Call) => Promise<Response>): Promise<Response> {
  const instance = new URL(req.url).pathname;
  try {
    const now = new Date();
    const networkHash = networkHashOf(clientAddressFromHeaders(req.headers));
    const key = bearerKey(req.headers.get('authorization'));
    const caller = await authenticateApiKey({ key, networkHash, now });
    if (!caller) {
      return problem('unauthenticated', key ? 'Khóa API không đúng, đã bị thu hồi, hoặc đơn vị của khóa đã ngừng hoạt động.' : 'Vui lòng gửi khóa API trong tiêu đề Authorization: Bearer <khóa>.', {
        instance,
        headers: { 'WWW-Authenticate': 'Bearer realm="hai-long"' },
      });
    }
    const admission = await admitApiCall({ integrationId: caller.integrationId, now });
    if (!admission.allowed) {
      return problem('rate_limited', `Mỗi khóa được gọi tối đa ${admission.limit / admission.windowS} lần mỗi giây (${admission.limit} lần liền một lúc); khóa này đã dùng hết lượt. Vui lòng thử lại sau ${admission.retryAfterS} giây.`, {
        instance,
        headers: { 'Retry-After': String(admission.retryAfterS) },
      });
    }
    return await work({ caller, now });
  } catch (err) {
    const appError = toAppError(err);
    if (appError.status === 503) {
      logger().warn({ what, code: appError.code }, `api ${what}: database unavailable`);
      return problem('unavailable', 'Cơ sở dữ liệu đang bận hoặc tạm thời không truy cập được. Vui lòng thử lại sau ít giây.', { instance, headers: { 'Retry-After': String(appError.retryAfterS ?? 5) } });
    }
    logger().error({ err, what }, `api ${what} failed`);
    return problem('internal', 'Đã có lỗi ngoài ý muốn ở máy chủ. Vui lòng thử lại; nếu vẫn lỗi, hãy báo cho quản trị viên hệ thống Hài Lòng.', { instance });
  }
}

/** The body as text within the limit, or the problem to answer. */
async function readJsonBody(req: Request): Promise<{ ok: true; value: unknown } | { ok: false; reason: ProblemCode; response: Response }> {
  const type = (req.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') {
    return { ok: false, reason: 'unsupported_media_type', response: problem('unsupported_media_type', 'Nội dung phải là JSON, với tiêu đề Content-Type: application/json.') };
  }
  const tooLarge = () => ({ ok: false as const, reason: 'payload_too_large' as const, response: problem('payload_too_large', `Nội dung lớn hơn ${BODY_LIMIT_BYTES / 1024} KB; mỗi lần gọi đăng ký một hồ sơ.`) });
  const body = await readRequestText(req, BODY_LIMIT_BYTES);
  if (!body.ok && body.error === 'too_large') return tooLarge();
  try {
    if (!body.ok) throw new Error(body.error);
    return { ok: true, value: JSON.parse(body.text) as unknown };
  } catch {
    return { ok: false, reason: 'malformed_json', response: problem('malformed_json', 'Nội dung không phải JSON đúng cú pháp (UTF-8).') };
  }
}

const pointerOf = (p: DossierProblem | RegistrationProblem) => (p.field ? `/${p.field}` : '');

/** The dossier as the API answers it (docs/api/openapi.yaml `Dossier`). */
function dossierBody(d: DossierView, rating: DossierRating | null) {
  const iso = (x: Date | null) => (x ? x.toISOString() : null);
  return {
    code: d.code,
    officeCode: d.officeCode,
    officeName: d.officeName,
    counterName: d.counterName,
    procedure: d.procedure,
    receivedAt: iso(d.receivedAt),
    dueAt: iso(d.dueAt),
    returnedAt: iso(d.returnedAt),
    link: dossierUrl(getEnv().PUBLIC_BASE_URL, d.token),
    qr: { svg: qrPath(d.code, 'svg'), png: qrPath(d.code, 'png') },
    registeredAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
    rating: rating ? { ratedAt: rating.ratedAt.toISOString(), scores: rating.scores } : null,
  };
}

const qrPath = (code: string, format: 'svg' | 'png') => `/api/v1/dossiers/${encodeURIComponent(code)}/qr.${format}`;

/** POST /api/v1/dossiers: register a dossier, or update it when its code is known (idempotent). */
export function registerDossierCall(req: Request): Promise<Response> {
  return apiCall(req, 'register', async ({ caller, now }) => {
    const body = await readJsonBody(req);
    if (!body.ok) {
      await auditRefusal(caller, now, 'api.dossier.register', { reason: body.reason });
      return body.response;
    }
    const check = checkApiDossier(body.value, now);
    if (!check.ok) {
      await auditRefusal(caller, now, 'api.dossier.register', { reason: 'invalid_dossier', problems: check.problems.map((p) => p.field ?? 'body') });
      return problem('invalid_dossier', check.problems.map((p) => p.message).join(' '), { errors: check.problems.map((p) => ({ pointer: pointerOf(p), detail: p.message })) });
    }
    const result = await registerDossierByApi({ integrationId: caller.integrationId, scopePath: caller.unitPath, dossier: check.dossier, now });
    const refused = result.problems[0];
    if (refused) return problem(refused.kind, refused.message, { errors: [{ pointer: pointerOf(refused), detail: refused.message }] });
    const done = result.stored[0]!;
    const rating = done.created ? null : await getDossierRating({ dossierId: done.id });
    return json(done.created ? 201 : 200, dossierBody(done.view, rating), done.created ? { Location: `/api/v1/dossiers/${encodeURIComponent(done.code)}` } : {});
  });
}

async function auditRefusal(caller: ApiCaller, now: Date, action: string, after: Record<string, unknown>) {
  await createAuditEntry({ at: now, actorId: null, integrationId: caller.integrationId, action, entityType: 'integration', entityId: caller.integrationId, after });
}

/** The dossier of `rawCode` in the key's scope, audited as read; null (answered 404) otherwise. */
async function readDossier(caller: ApiCaller, rawCode: string, now: Date, action: string): Promise<DossierView | null> {
  const code = parseDossierCodeParam(rawCode);
  const dossier = code ? await getDossierByCode({ code, scopePath: caller.unitPath }) : null;
  if (!dossier) {
    await auditRefusal(caller, now, action, { reason: 'not_found', code: (code ?? rawCode).slice(0, 80) });
    return null;
  }
  await createAuditEntry({ at: now, actorId: null, integrationId: caller.integrationId, action, entityType: 'dossier', entityId: dossier.id, unitId: dossier.unitId, after: { code: dossier.code } });
  return dossier;
}

const notFound = (code: string) =>
  problem('not_found', `Không có hồ sơ mã ${code.slice(0, 80)} trong phạm vi của khóa này (mã chưa được đăng ký, hoặc thuộc đơn vị khác).`);

/** GET /api/v1/dossiers/{code}: the dossier, its link, and its rating once given. */
export function readDossierCall(req: Request, rawCode: string): Promise<Response> {
  return apiCall(req, 'read', async ({ caller, now }) => {
    const dossier = await readDossier(caller, rawCode, now, 'api.dossier.read');
    if (!dossier) return notFound(rawCode);
    return json(200, dossierBody(dossier, await getDossierRating({ dossierId: dossier.id })));
  });
}

/** GET /api/v1/dossiers/{code}/qr.svg|qr.png: the link's QR code, sized for a receipt. */
export function dossierQrCall(req: Request, rawCode: string, format: 'svg' | 'png'): Promise<Response> {
  return apiCall(req, 'qr', async ({ caller, now }) => {
    const dossier = await readDossier(caller, rawCode, now, 'api.dossier.qr');
    if (!dossier) return notFound(rawCode);
    const url = dossierUrl(getEnv().PUBLIC_BASE_URL, dossier.token);
    // The link never changes, so the image may be kept by the dossier system; the key still guards it.
    const headers = { 'Cache-Control': 'private, max-age=86400' };
    if (format === 'svg') return new Response(await renderReceiptQrSvg(url), { headers: { ...headers, 'Content-Type': 'image/svg+xml; charset=utf-8' } });
    return new Response(new Uint8Array(await renderReceiptQrPng(url)), { headers: { ...headers, 'Content-Type': 'image/png' } });
  });
}
