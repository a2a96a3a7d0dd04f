import { NextResponse, type NextRequest } from 'next/server';
import { getActiveQuestionSetVersion, getQuestionSetVersion, getQuestionSetVersionOwner } from '@/db/queries/question-sets';
import { getKioskByCredential, recordKioskContact, type KioskIdentity } from '@/db/queries/kiosks';
import { canUnitUseQuestionSet } from '@/lib/auth/question-set-scope';
import { BATCH_MAX_BYTES, batchVersionIds, parseBatchEnvelope, parseBatchItems, type VersionQuestions } from '@/lib/kiosk/batch';
import { KIOSK_COOLDOWN_MS, kioskQuestions, kioskServing, type KioskConfig } from '@/lib/kiosk/config';
import { KIOSK_COOKIE, KIOSK_COOKIE_MAX_AGE_S } from '@/lib/kiosk/pairing';
import { getEnv } from '@/lib/env';
import { clientAddressFromHeaders, networkHashOf } from './client-address';
import { servingAtCounter, switchDutyAtKiosk } from './duty';
import { readRequestText } from './http';
import { admitKioskBatch, pairTablet, storeKioskBatch } from './kiosk-sync';
import { logger } from './log';
import { countRefusedRatings } from './metrics';

/**
 * The kiosk endpoints (docs/kiosk-protocol.md): /api/kiosk/pair, /config and
 * /batch. Guard clauses first (400, 401), then the use case (kiosk-sync.ts). Every answer is
 * JSON with `Cache-Control: no-store`; errors carry a Vietnamese message and
 * a code the tablet acts on. Bad input is never a 500; an unexpected failure
 * is a 503 the tablet retries, with the stack only in the server log.
 */

type ErrorCode = 'bad_code' | 'bad_batch' | 'unpaired' | 'throttled' | 'unavailable' | 'bad_pin' | 'no_counter' | 'refused';

const NO_STORE = { 'Cache-Control': 'no-store' };

const MESSAGES = {
  badCode: 'Mã ghép nối không đúng, đã hết hạn hoặc đã được dùng. Vui lòng nhờ cán bộ quản lý tạo mã mới (mã có hiệu lực 15 phút, dùng một lần).',
  noCode: 'Vui lòng nhập mã ghép nối do cán bộ quản lý cung cấp.',
  throttled: 'Đã nhập sai mã ghép nối quá nhiều lần từ mạng này. Vui lòng thử lại sau 15 phút.',
  batchThrottled: (s: number) =>
    `Máy tính bảng gửi quá nhiều lô đánh giá trong một phút; lô này chưa được lưu. Các đánh giá vẫn được giữ trên máy và sẽ được gửi lại sau ${s} giây.`,
  unpaired: 'Máy tính bảng này chưa được ghép nối hoặc đã bị thu hồi. Vui lòng nhờ cán bộ quản lý tạo mã ghép nối mới.',
  unavailable: 'Máy chủ tạm thời chưa xử lý được. Các đánh giá vẫn được giữ trên máy và sẽ được gửi lại sau.',
  notJson: 'Lô đánh giá không hợp lệ: nội dung phải là JSON (Content-Type: application/json).',
  tooLarge: `Lô đánh giá không hợp lệ: nội dung lớn hơn ${BATCH_MAX_BYTES / 1024} KB.`,
  badJson: 'Lô đánh giá không hợp lệ: nội dung không phải JSON đúng cú pháp.',
  badPin: 'Mã PIN không đúng, hoặc cán bộ chưa có mã PIN. Vui lòng thử lại.',
  pinThrottled: (s: number) => `Đã nhập sai mã PIN quá nhiều lần. Vui lòng thử lại sau ${Math.ceil(s / 60)} phút.`,
  noCounter: 'Kiosk này không gắn với quầy nào, nên không đổi được cán bộ trực.',
} as const;

export function kioskError(status: number, code: ErrorCode, error: string, retryAfterS?: number): Response {
  const retryAfter = retryAfterS ?? (status === 503 ? 30 : undefined);
  return NextResponse.json({ error, code }, { status, headers: retryAfter === undefined ? NO_STORE : { ...NO_STORE, 'Retry-After': String(retryAfter) } });
}

const unpaired = () => kioskError(401, 'unpaired', MESSAGES.unpaired);

/** Runs a handler; an unexpected error is logged and answered 503, never a stack trace. */
export async function guarded(what: string, handler: () => Promise<Response> | Response): Promise<Response> {
  try {
    return await handler();
  } catch (err) {
    logger().error({ err, what }, `kiosk ${what} failed`);
    return kioskError(503, 'unavailable', MESSAGES.unavailable);
  }
}

function isHttps(req: NextRequest): boolean {
  return req.headers.get('x-forwarded-proto') === 'https' || req.nextUrl.protocol === 'https:';
}

function isJson(req: NextRequest): boolean {
  return (req.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase() === 'application/json';
}

async function readJson(req: NextRequest, limit: number): Promise<{ ok: true; value: unknown } | { ok: false; error: string }> {
  if (!isJson(req)) return { ok: false, error: MESSAGES.notJson };
  const body = await readRequestText(req, limit);
  if (!body.ok) return { ok: false, error: body.error === 'too_large' ? MESSAGES.tooLarge : MESSAGES.badJson };
  try {
    return { ok: true, value: JSON.parse(body.text) as unknown };
  } catch {
    return { ok: false, error: MESSAGES.badJson };
  }
}

function authenticate(req: NextRequest): Promise<KioskIdentity | null> {
  return getKioskByCredential({ credential: req.cookies.get(KIOSK_COOKIE)?.value });
}

/** What the tablet shows: the kiosk, the office's question and reasons (from its active question set), now. */
async function buildConfig(kiosk: KioskIdentity, now: number): Promise<{ config: KioskConfig; versionId: number } | null> {
  const version = await getActiveQuestionSetVersion({ unitPath: kiosk.unitPath });
  if (!version) return null;
  return {
    versionId: version.id,
    config: {
      kiosk: {
        id: kiosk.id,
        name: kiosk.name,
        officeName: kiosk.officeName,
        counterName: kiosk.counterName,
        idleSeconds: kiosk.idleSeconds,
        cooldownMs: KIOSK_COOLDOWN_MS,
      },
      questionSetVersionId: version.id,
      ...kioskQuestions(version.definition),
      serving: await servingNow(kiosk, now),
      serverTime: now,
    },
  };
}

/** Who serves at the kiosk's counter now (one indexed statement); null when nobody or no counter. */
async function servingNow(kiosk: Pick<KioskIdentity, 'counterId'>, now: number) {
  return kiosk.counterId === null ? null : kioskServing(await servingAtCounter(kiosk.counterId, new Date(now)));
}

/**
 * The kiosk questions of the versions a batch names, other than the current
 * one: each only if the office may use its set (lib/auth/question-set-scope.ts);
 * versions are immutable, so a rating taken offline before the set changed is
 * stored with the version and questions the citizen saw.
 */
async function namedVersions(kiosk: KioskIdentity, items: readonly object[], currentId: number): Promise<Map<number, VersionQuestions>> {
  const out = new Map<number, VersionQuestions>();
  for (const id of batchVersionIds(items)) {
    if (id === currentId) continue;
    const owner = await getQuestionSetVersionOwner({ id });
    if (!owner || !canUnitUseQuestionSet({ unitPath: kiosk.unitPath, ...owner })) continue;
    const version = await getQuestionSetVersion({ id });
    if (version) out.set(id, { versionId: id, ...kioskQuestions(version.definition) });
  }
  return out;
}

/** POST /api/kiosk/pair { code } → Config and the device cookie. */
export async function handlePair(req: NextRequest): Promise<Response> {
  const body = await readJson(req, 4096);
  const code = body.ok && body.value && typeof body.value === 'object' ? (body.value as { code?: unknown }).code : undefined;
  const now = new Date();
  // A malformed request counts as a failed attempt too: it is throttled like a wrong code.
  const result = await pairTablet({ code: typeof code === 'string' ? code : '', networkHash: networkHashOf(clientAddressFromHeaders(req.headers)), now });
  if (result.status === 'throttled') return kioskError(429, 'throttled', MESSAGES.throttled);
  if (result.status === 'bad_code') return kioskError(400, 'bad_code', typeof code === 'string' && code.trim() ? MESSAGES.badCode : MESSAGES.noCode);

  const kiosk = await getKioskByCredential({ credential: result.credential });
  const built = kiosk && (await buildConfig(kiosk, now.getTime()));
  if (!built) return kioskError(503, 'unavailable', MESSAGES.unavailable);
  const res = NextResponse.json(built.config, { headers: NO_STORE });
  res.cookies.set(KIOSK_COOKIE, result.credential, {
    httpOnly: true,
    sameSite: 'strict',
    secure: isHttps(req),
    path: '/',
    maxAge: KIOSK_COOKIE_MAX_AGE_S,
  });
  return res;
}

/** GET /api/kiosk/config → Config; counts as a contact. */
export async function handleConfig(req: NextRequest): Promise<Response> {
  const kiosk = await authenticate(req);
  if (!kiosk) return unpaired();
  const now = new Date();
  const built = await buildConfig(kiosk, now.getTime());
  if (!built) return kioskError(503, 'unavailable', MESSAGES.unavailable);
  await recordKioskContact({ kioskId: kiosk.id, now });
  return NextResponse.json(built.config, { headers: NO_STORE });
}

/**
 * POST /api/kiosk/batch → { stored, duplicates, rejected, serverTime }.
 * A malformed batch is refused whole (400 bad_batch) before anything is
 * written; invalid items are rejected one by one and the rest stored in one
 * transaction. More than 30 requests a minute from one credential are
 * refused (429 throttled, Retry-After) before the body is read.
 */
export async function handleBatch(req: NextRequest): Promise<Response> {
  const kiosk = await authenticate(req);
  if (!kiosk) return unpaired();
  const throttle = await admitKioskBatch({ kioskId: kiosk.id, now: new Date(), perMinute: getEnv().KIOSK_BATCHES_PER_MINUTE });
  if (!throttle.allowed) return kioskError(429, 'throttled', MESSAGES.batchThrottled(throttle.retryAfterS), throttle.retryAfterS);
  const body = await readJson(req, BATCH_MAX_BYTES);
  if (!body.ok) return kioskError(400, 'bad_batch', body.error);
  const envelope = parseBatchEnvelope(body.value);
  if (!envelope.ok) return kioskError(400, 'bad_batch', envelope.error);

  const now = new Date();
  const built = await buildConfig(kiosk, now.getTime());
  if (!built) return kioskError(503, 'unavailable', MESSAGES.unavailable);
  const current: VersionQuestions = { versionId: built.versionId, ...built.config };
  const versions = await namedVersions(kiosk, envelope.value.items, built.versionId);
  const { valid, rejected } = parseBatchItems(envelope.value.items, { current, versions, now: now.getTime(), firstPairedAt: kiosk.firstPairedAt });
  const result = await storeKioskBatch({
    kiosk,
    ratings: valid,
    appVersion: envelope.value.appVersion,
    queued: envelope.value.queued,
    dailyLimit: getEnv().KIOSK_DAILY_LIMIT,
    now,
  });
  if (result.status === 'unpaired') return unpaired();
  countRefusedRatings('kiosk', rejected.length);
  logger().info(
    {
      kioskId: kiosk.id,
      unitId: kiosk.unitId,
      queued: envelope.value.queued,
      stored: result.stored.length,
      flagged: result.flagged.length,
      duplicates: result.duplicates.length,
      rejected: rejected.length,
    },
    'kiosk: batch',
  );
  // `serving` rides on every answer, heartbeats included: the tablet shows who serves within a minute of a change.
  return NextResponse.json(
    { stored: result.stored, duplicates: result.duplicates, rejected, serving: await servingNow(kiosk, now.getTime()), serverTime: now.getTime() },
    { headers: NO_STORE },
  );
}

/**
 * POST /api/kiosk/duty { pin } → { serving, message }: an official puts
 * themselves on duty at the kiosk's counter with their PIN, until the end of
 * the day (server/duty.ts switchDutyAtKiosk). 400 bad_pin, 429 throttled
 * (wrong PINs per kiosk), 409 refused (with the schedule's reason).
 */
export async function handleDutySwitch(req: NextRequest): Promise<Response> {
  const kiosk = await authenticate(req);
  if (!kiosk) return unpaired();
  const body = await readJson(req, 1024);
  const pin = body.ok && body.value && typeof body.value === 'object' ? (body.value as { pin?: unknown }).pin : undefined;
  const result = await switchDutyAtKiosk({ kiosk, pin: typeof pin === 'string' ? pin : '', now: new Date() });
  switch (result.status) {
    case 'no_counter':
      return kioskError(400, 'no_counter', MESSAGES.noCounter);
    case 'bad_pin':
      return kioskError(400, 'bad_pin', MESSAGES.badPin);
    case 'throttled':
      return kioskError(429, 'throttled', MESSAGES.pinThrottled(result.retryAfterS), result.retryAfterS);
    case 'refused':
      return kioskError(409, 'refused', result.problems.join(' '));
    case 'ok':
      return NextResponse.json(
        { serving: kioskServing(result.serving), message: `${result.officialName} đã nhận trực tại ${kiosk.counterName ?? 'quầy'} đến hết ngày.` },
        { headers: NO_STORE },
      );
  }
}
