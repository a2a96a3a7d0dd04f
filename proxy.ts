import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy } from '@/lib/csp';
import { AppError } from '@/lib/errors';
import { ACTION_BODY_LIMIT_BYTES, ACTION_MAX_NESTING, checkActionLength, nestingDepth, type ActionRefusal } from '@/lib/request-limits';
import { errorResponse } from '@/server/error-response';
import { logger } from '@/server/log';

/**
 * Runs before every request except Next's hashed static files:
 * 1. refuses an oversized or absurdly nested server action with 413 / 400
 *    and a Vietnamese message (Next would answer 500 with a stack in the log);
 * 2. gives the response a Content-Security-Policy with a fresh nonce, which
 *    Next reads back from the request header and puts on its own scripts.
 */
export async function proxy(req: NextRequest) {
  if (isServerAction(req)) {
    const refusal = await checkServerAction(req);
    if (refusal) {
      logger().warn({ refusal, method: req.method, path: req.nextUrl.pathname, contentLength: req.headers.get('content-length') }, 'server action refused');
      return errorResponse(REFUSALS[refusal], { format: 'text' });
    }
  }

  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString('base64');
  const csp = contentSecurityPolicy({ nonce, dev: process.env.NODE_ENV === 'development' });
  const requestHeaders = new Headers(req.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('content-security-policy', csp);
  const res = NextResponse.next({ request: { headers: requestHeaders } });
  res.headers.set('Content-Security-Policy', csp);
  return res;
}

export const config = {
  // Skipped, for speed on the hot paths: the survey's post (/s/<code>/gui), /tra-cuu, the public results (/cong-khai),
  // /api and /qr — no inline script and no server action there; next.config.js gives them the same policy without a nonce.
  matcher: ['/((?!_next/static/|_next/image|s/[^/]+/gui|tra-cuu|cong-khai|api/|qr/).*)'],
};

const REFUSALS: Record<Exclude<ActionRefusal, null>, AppError> = {
  payload_too_large: new AppError('payload_too_large', {
    detail: {
      vi: `Dữ liệu gửi lên quá lớn (tối đa ${ACTION_BODY_LIMIT_BYTES / 1024 / 1024} MB). Vui lòng rút gọn nội dung rồi gửi lại.`,
      en: `The submitted data is too large (at most ${ACTION_BODY_LIMIT_BYTES / 1024 / 1024} MB). Please shorten it and submit again.`,
    },
  }),
  length_required: new AppError('bad_request', {
    detail: { vi: 'Yêu cầu gửi dữ liệu phải ghi rõ độ dài (Content-Length).', en: 'A request with data must state its length (Content-Length).' },
  }),
  malformed: new AppError('bad_request', {
    detail: { vi: 'Dữ liệu gửi lên có cấu trúc không hợp lệ.', en: 'The submitted data is not structured validly.' },
  }),
};

/**
 * A server action call: a fetch from the client runtime (Next-Action header)
 * or a form posted without JavaScript (multipart to a page). Route handlers
 * under /api and the citizen survey's url-encoded posts have their own limits.
 */
function isServerAction(req: NextRequest): boolean {
  if (req.method !== 'POST') return false;
  if (req.headers.has('next-action')) return true;
  return (req.headers.get('content-type') ?? '').startsWith('multipart/form-data') && !req.nextUrl.pathname.startsWith('/api/');
}

async function checkServerAction(req: NextRequest): Promise<ActionRefusal> {
  const byLength = checkActionLength(req.headers.get('content-length'));
  if (byLength) return byLength;
  // At most 1 MB by now; Next hands the page its own copy of the body.
  const type = req.headers.get('content-type') ?? '';
  if (type.startsWith('multipart/form-data')) {
    let form: FormData;
    try {
      form = await req.clone().formData();
    } catch {
      return 'malformed';
    }
    // React encodes an action's arguments as numbered fields holding JSON; the person's own fields are never decoded as JSON.
    let rows = 0;
    for (const [name, value] of form) {
      if (!/^\d+$/.test(name) || typeof value !== 'string') continue;
      if (++rows > 1000 || nestingDepth(value) > ACTION_MAX_NESTING) return 'malformed';
    }
    return null;
  }
  return nestingDepth(await req.clone().text()) > ACTION_MAX_NESTING ? 'malformed' : null;
}
