/**
 * Limits on what a server action request may carry, checked in proxy.ts
 * before Next decodes it. Next refuses a body over its limit and React a
 * payload nested deep enough to overflow its decoder's stack, but both as a
 * 500 with a stack in the log; these rules answer 413 / 400 instead.
 */

/** Next's own default limit for a server action body (serverActions.bodySizeLimit, 1 MB). */
export const ACTION_BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * Arrays and objects inside one another in an action's arguments. The app's
 * actions take form data or a flat object; a few levels suffice, and even a
 * generous 64 is far below the depth at which decoding overflows the stack.
 */
export const ACTION_MAX_NESTING = 64;

export type ActionRefusal = 'payload_too_large' | 'length_required' | 'malformed' | null;

/**
 * Whether an action request's declared length is acceptable: a body must
 * declare its length (browsers always do for fetch and form posts) so an
 * over-long one is refused before a byte of it is read.
 */
export function checkActionLength(contentLength: string | null, limit = ACTION_BODY_LIMIT_BYTES): ActionRefusal {
  if (contentLength === null || !/^\d{1,15}$/.test(contentLength.trim())) return 'length_required';
  const length = Number(contentLength);
  // An action call always carries its arguments ("[]" at least); Next fails on an empty body with a 500.
  if (length === 0) return 'malformed';
  return length > limit ? 'payload_too_large' : null;
}

/**
 * The deepest nesting of `[`/`{` in a serialised action payload (JSON rows
 * or form fields holding JSON), ignoring brackets inside JSON strings; stops
 * counting once past `stopAt`. Works on the raw text so that a malicious
 * payload is never parsed.
 */
export function nestingDepth(text: string, stopAt = ACTION_MAX_NESTING + 1): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 91 /* [ */ || c === 123 /* { */) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max >= stopAt) return max;
      }
    } else if ((c === 93 /* ] */ || c === 125) /* } */ && depth > 0) depth--;
  }
  return max;
}
