import type { Lang, Localized } from './i18n';

/**
 * The one vocabulary of errors a person can meet (conventions.md §9): each
 * code has its HTTP status and its message in Vietnamese and English.
 * Route handlers, pages and actions throw or return an AppError; whatever
 * renders it (a JSON body, an HTML page, a form message) reads the same
 * three things. Stacks stay in the log; people read `message`.
 */
export const APP_ERRORS = {
  bad_request: { status: 400, vi: 'Yêu cầu không hợp lệ.', en: 'The request is not valid.' },
  unauthenticated: { status: 401, vi: 'Vui lòng đăng nhập để tiếp tục.', en: 'Please sign in to continue.' },
  forbidden: { status: 403, vi: 'Ông/Bà không có quyền thực hiện thao tác này.', en: 'You are not allowed to do this.' },
  cross_site: {
    status: 403,
    vi: 'Yêu cầu này không được gửi từ trang của hệ thống nên không được chấp nhận. Vui lòng mở lại trang đánh giá và gửi lại.',
    en: 'This request did not come from our own page and was refused. Please open the survey again and resubmit.',
  },
  not_found: { status: 404, vi: 'Không tìm thấy nội dung yêu cầu.', en: 'Not found.' },
  payload_too_large: { status: 413, vi: 'Dữ liệu gửi lên quá lớn.', en: 'The submitted data is too large.' },
  unsupported_type: { status: 415, vi: 'Định dạng dữ liệu không được hỗ trợ.', en: 'Unsupported data format.' },
  rate_limited: {
    status: 429,
    vi: 'Có quá nhiều yêu cầu trong thời gian ngắn. Vui lòng thử lại sau ít phút.',
    en: 'Too many requests in a short time. Please try again in a few minutes.',
  },
  busy: {
    status: 503,
    vi: 'Hệ thống đang bận. Vui lòng thử lại sau ít giây.',
    en: 'The system is busy. Please try again in a few seconds.',
  },
  unavailable: {
    status: 503,
    vi: 'Hệ thống tạm thời không phục vụ được. Vui lòng thử lại sau ít phút.',
    en: 'The service is temporarily unavailable. Please try again in a few minutes.',
  },
  internal: {
    status: 500,
    vi: 'Đã có lỗi ngoài ý muốn. Vui lòng thử lại; nếu vẫn lỗi, hãy báo cho quản trị viên.',
    en: 'Something went wrong. Please try again; if it keeps happening, tell the administrator.',
  },
} as const satisfies Record<string, { status: number } & Localized>;

export type AppErrorCode = keyof typeof APP_ERRORS;

/** Seconds a client should wait before retrying a 503 (and the default for a 429 without a known wait). */
export const DEFAULT_RETRY_AFTER_S = 5;

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly status: number;
  /** Seconds before a retry may succeed (Retry-After), when known. */
  readonly retryAfterS: number | undefined;
  /** A message more precise than the code's own, in both languages. */
  readonly detail: Localized | undefined;

  constructor(code: AppErrorCode, opts: { detail?: Localized; retryAfterS?: number; cause?: unknown } = {}) {
    super(opts.detail?.vi ?? APP_ERRORS[code].vi, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = APP_ERRORS[code].status;
    this.detail = opts.detail;
    this.retryAfterS = opts.retryAfterS ?? (this.status === 503 ? DEFAULT_RETRY_AFTER_S : undefined);
  }

  /** What a person reads, in their language. */
  messageIn(lang: Lang): string {
    return (this.detail ?? APP_ERRORS[this.code])[lang];
  }
}

/** SQLite result codes (better-sqlite3's `err.code`) and PostgreSQL SQLSTATEs that mean "the database is busy, try again". */
const BUSY_CODES = new Set(['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSY_TIMEOUT', 'SQLITE_LOCKED', '40001', '40P01', '55P03', '53300', '57014']);
/** … and those that mean "the database cannot be reached or used now". */
const UNAVAILABLE_CODES = new Set(['SQLITE_CANTOPEN', 'SQLITE_FULL', 'SQLITE_IOERR', 'SQLITE_READONLY', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006']);

/** node-postgres's own errors for a server that went away or a pool that cannot connect carry no code, only these messages. */
const LOST_CONNECTION = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Cannot use a pool after calling end)/;

/**
 * Any thrown value as an AppError: an AppError as it is, a database that is
 * busy or unreachable as `busy` / `unavailable` (503 with Retry-After),
 * anything else as `internal` (the caller logs the original).
 */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  // Drivers and ORMs wrap the database's error (drizzle's DrizzleQueryError, pg's pool): look down the causes.
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof AppError) return e;
    const code = 'code' in e ? String((e as { code: unknown }).code) : '';
    const family = code.replace(/^(SQLITE_[A-Z]+)_.*$/, '$1');
    if (BUSY_CODES.has(code) || BUSY_CODES.has(family)) return new AppError('busy', { cause: err });
    if (UNAVAILABLE_CODES.has(code) || UNAVAILABLE_CODES.has(family)) return new AppError('unavailable', { cause: err });
    if (!code && e instanceof Error && LOST_CONNECTION.test(e.message)) return new AppError('unavailable', { cause: err });
  }
  return new AppError('internal', { cause: err });
}
