import type { IncomingMessage, ServerResponse } from 'node:http';
import { contentSecurityPolicy } from '@/lib/csp';
import { HSTS, SECURITY_HEADERS } from '@/lib/security-headers';
import { codeOfSurveyPostPath, thanksPath } from '@/lib/survey/paths';
import { addRequestHook } from './request-hooks';
import { submitSurveyAt } from './survey';

/**
 * The survey's post (/s/<code>/gui), the one request citizens send in bulk,
 * seen by the Node server before Next (installed at start by
 * instrumentation.ts, inside the peer stamp and the request observer, so it
 * has the client's address, a request id and its log line). The rating is
 * stored here; when it was, the answer is the 303 to the thank-you page, as
 * the page would have sent it, without Next routing, rewriting and rendering
 * a redirect: that was half the CPU of every rating (ADR 033). Anything else
 * (a form to show again with its errors, an unknown code, an error) goes on
 * to Next with what happened attached, and the survey's page renders it
 * (pages/s/[code]/index.tsx, surveyPostOf): the body is read once, the
 * rating stored at most once, and every answer but the 303 is still the page's.
 */

type Posted = Awaited<ReturnType<typeof submitSurveyAt>>;
type HandedOver = { posted: Posted } | { error: unknown };

// Symbol.for: the page's bundle and instrumentation's are separate module graphs; the symbol is one.
const HANDED_OVER = Symbol.for('hailong.surveyPost');
type WithHandedOver = IncomingMessage & { [HANDED_OVER]?: HandedOver };

const state = globalThis as unknown as { __hailongSurveyPost?: boolean };

const STATIC_CSP = contentSecurityPolicy({ nonce: null, dev: false });

/** Called once at start (instrumentation.ts), before the peer stamp and the request observer, so that they wrap it. */
export function installSurveyPost() {
  if (state.__hailongSurveyPost) return;
  state.__hailongSurveyPost = true;
  addRequestHook((req, res, next) => {
    const code = req.method === 'POST' ? decodedCode(req.url ?? '') : null;
    if (code === null) return next();
    void answer(req, res, code, next);
    return true;
  });
}

/** The code of a survey post's path; null for any other path, or a code that is not valid percent-encoding (Next answers those). */
function decodedCode(url: string): string | null {
  const raw = codeOfSurveyPostPath(url);
  if (raw === null) return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

async function answer(req: IncomingMessage, res: ServerResponse, code: string, next: () => boolean) {
  let handedOver: HandedOver;
  try {
    const posted = await submitSurveyAt(req, res, code);
    if (posted?.outcome.kind === 'stored') {
      const { outcome, survey } = posted;
      return redirect(req, res, thanksPath(survey.target.code, outcome.lang, outcome.receiptCode, outcome.low));
    }
    handedOver = { posted };
  } catch (error) {
    handedOver = { error };
  }
  (req as WithHandedOver)[HANDED_OVER] = handedOver;
  next();
}

/** The 303 with the headers next.config.js gives this path, and the page's Cache-Control. */
function redirect(req: IncomingMessage, res: ServerResponse, location: string) {
  for (const { key, value } of SECURITY_HEADERS) res.setHeader(key, value);
  res.setHeader('Content-Security-Policy', STATIC_CSP);
  if (req.headers['x-forwarded-proto'] === 'https') res.setHeader(HSTS.key, HSTS.value);
  res.setHeader('Cache-Control', 'private, no-cache, no-store, max-age=0, must-revalidate');
  res.writeHead(303, { Location: location, 'Content-Length': '0' });
  res.end();
}

/**
 * The survey page's post: what installSurveyPost already did with it (its
 * error rethrown, for Next's error page), or, where nothing did (a server
 * started without instrumentation), submitSurveyAt now.
 */
export async function surveyPostOf(req: IncomingMessage, res: ServerResponse, code: string): Promise<Posted> {
  const handedOver = (req as WithHandedOver)[HANDED_OVER];
  if (!handedOver) return submitSurveyAt(req, res, code);
  if ('error' in handedOver) throw handedOver.error;
  return handedOver.posted;
}
