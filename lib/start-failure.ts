/**
 * What a server says when it cannot open its database at start, pure: the
 * operator reads it in the service's log, so it names the address tried and
 * what to check, in Vietnamese, without a stack trace. Null: an error this
 * does not recognise, which is left to surface as it is.
 */

type ErrorLike = { code?: unknown; message?: unknown; errors?: unknown };

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EAI_AGAIN']);

/** The errors to look at: Node's happy-eyeballs connect throws an AggregateError of one per address. */
function causes(error: unknown): ErrorLike[] {
  if (!error || typeof error !== 'object') return [];
  const e = error as ErrorLike & { cause?: unknown };
  const nested = Array.isArray(e.errors) ? e.errors.flatMap(causes) : [];
  return [e, ...nested, ...(e.cause ? causes(e.cause) : [])];
}

const codeOf = (e: ErrorLike) => (typeof e.code === 'string' ? e.code : '');
const messageOf = (e: ErrorLike) => (typeof e.message === 'string' ? e.message : '');

/** A postgres:// URL without its password, for messages and logs. */
export function redactDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

function hostOf(url: string): string {
  try {
    const u = new URL(url);
    const host = u.hostname || new URLSearchParams(u.search).get('host') || 'localhost';
    return `${host}:${u.port || '5432'}`;
  } catch {
    return 'máy chủ trong DATABASE_URL';
  }
}

/**
 * The message for a failed open of PostgreSQL at `url`, or null when the
 * error is not about reaching or entering the database.
 */
export function postgresStartFailure(error: unknown, url: string): string | null {
  const all = causes(error);
  const codes = new Set(all.map(codeOf));
  const text = all.map(messageOf).join(' | ');
  const where = redactDatabaseUrl(url);
  const head = `Hài Lòng không khởi động được: không kết nối được PostgreSQL tại ${where}`;
  const lines = (why: string, checks: string[]) => `\n${head}\n  ${why}\n  Kiểm tra:\n${checks.map((c) => `    - ${c}`).join('\n')}\n`;

  if (codes.has('ENOTFOUND')) {
    return lines('Không tìm thấy máy chủ có tên này (DNS).', [`tên máy trong DATABASE_URL (${hostOf(url)}) viết đúng và phân giải được từ máy này`]);
  }
  if ([...codes].some((c) => CONNECTION_CODES.has(c)) || /connection timeout|timeout expired|terminated unexpectedly/i.test(text)) {
    return lines('Máy chủ không trả lời ở địa chỉ và cổng này.', [
      `PostgreSQL đang chạy (ví dụ: systemctl status postgresql, pg_isready -h … -p …) và nghe ở ${hostOf(url)}`,
      'listen_addresses trong postgresql.conf cho phép kết nối từ máy này, và tường lửa mở cổng',
      'DATABASE_URL đúng máy, đúng cổng',
    ]);
  }
  if (codes.has('28P01') || codes.has('28000')) {
    return lines('PostgreSQL từ chối đăng nhập (sai tên người dùng hoặc mật khẩu, hoặc pg_hba.conf không cho phép).', [
      'tên người dùng và mật khẩu trong DATABASE_URL',
      'một dòng của pg_hba.conf cho phép người dùng này vào cơ sở dữ liệu này từ máy này',
    ]);
  }
  if (codes.has('3D000')) {
    return lines('Cơ sở dữ liệu có tên này chưa có.', ['tạo nó trước (createdb -O <người dùng> <tên>), hoặc sửa tên trong DATABASE_URL']);
  }
  if (codes.has('57P03') || codes.has('53300')) {
    return lines('PostgreSQL đang khởi động hoặc đã hết kết nối cho phép.', ['chờ PostgreSQL sẵn sàng rồi khởi động lại', 'max_connections đủ cho mọi máy chủ ứng dụng (DATABASE_POOL_SIZE mỗi máy)']);
  }
  return null;
}
