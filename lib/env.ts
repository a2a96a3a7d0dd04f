import { z } from 'zod';

/**
 * How the app runs. `production` is a real deployment: it refuses a localhost
 * PUBLIC_BASE_URL (printed QR codes would point nowhere) and default secrets.
 * `demo` seeds a demo province on first start; `test` is the same for e2e runs.
 */
export const APP_MODES = ['development', 'demo', 'test', 'production'] as const;
export type AppMode = (typeof APP_MODES)[number];

/**
 * Secrets made for one installation when none is configured outside
 * production (kept beside the database by db/local-secrets.ts, never in the
 * source: a value published in the source signs anyone's forged token).
 */
export type LocalSecrets = { AUTH_SECRET: string; SIGNAL_SALT: string };
export type LocalSecretsSource = (databasePath: string) => LocalSecrets;

/** SQLite's `synchronous` settings the app offers (db/engine/sqlite.ts); `off` is never safe for ratings. */
export const SQLITE_SYNCHRONOUS = ['normal', 'full'] as const;
export type SqliteSynchronous = (typeof SQLITE_SYNCHRONOUS)[number];

const SECRET_MESSAGES = {
  AUTH_SECRET: 'cần một giá trị bí mật riêng (ít nhất 32 ký tự) khi chạy thật',
  SIGNAL_SALT: 'cần một giá trị bí mật riêng (ít nhất 16 ký tự) khi chạy thật',
} as const;

const EnvSchema = z
  .object({
    HAILONG_MODE: z.enum(APP_MODES).default('development'),
    DATABASE_PATH: z.string().trim().min(1).default('data/hai-long.db'),
    /**
     * PostgreSQL instead of the SQLite file (`postgres://user:password@host:5432/database`), for
     * deployments with several app servers or many provinces (docs/deploy-postgresql.md).
     */
    DATABASE_URL: z
      .string()
      .trim()
      .regex(/^postgres(ql)?:\/\//i, { message: 'phải là một địa chỉ postgres://… (hoặc bỏ trống để dùng tệp SQLite)' })
      .optional(),
    /** PostgreSQL connections each app server keeps at most; all servers together must stay under the server's max_connections. */
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    /**
     * SQLite's `synchronous` (README, "Durability"): `full` syncs the WAL at every commit, so a rating
     * acknowledged survives a power cut or an operating-system crash; `normal` syncs only at checkpoints,
     * so those may lose the last ratings acknowledged (an app crash loses nothing with either).
     * Unset: `full` in production, where it kept ≥ 500 stored ratings/s on the submit path here, and
     * `normal` for the demo and tests, which lose nothing that matters (docs/decisions/030).
     */
    DATABASE_SYNCHRONOUS: z
      .preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v), z.enum(SQLITE_SYNCHRONOUS, { message: 'phải là normal hoặc full' }))
      .optional(),
    /** How long a query waits for another connection's lock before the page answers 503 "busy". */
    DATABASE_BUSY_TIMEOUT_MS: z.coerce.number().int().min(0).max(60_000).default(5000),
    PUBLIC_BASE_URL: z
      .url({ message: 'phải là một địa chỉ http(s) hợp lệ' })
      .default('http://localhost:3000')
      .transform((u) => u.replace(/\/+$/, '')),
    /** Salt for hashing device ids and IP addresses (domain.md §7); required in production, else made per installation. */
    SIGNAL_SALT: z.string().min(16).optional(),
    /** Signs session cookies (next-auth); required in production, else made per installation. */
    AUTH_SECRET: z.string().min(32).optional(),
    /** How long a staff session lasts without signing in again, in hours. */
    SESSION_HOURS: z.coerce.number().min(1).max(24 * 30).default(10),
    /** Number of reverse proxies in front of the app whose X-Forwarded-For we trust. */
    TRUST_PROXY: z.coerce.number().int().min(0).max(5).default(0),
    /** Demo responses created on first start (demo/test modes). */
    SEED_RESPONSES: z.coerce.number().int().min(0).max(10_000_000).default(12_000),
    /** Retention of contact data in months (domain.md §7). */
    CONTACT_RETENTION_MONTHS: z.coerce.number().int().min(1).max(120).default(12),
    /** Ratings per kiosk per day (Asia/Ho_Chi_Minh, by tap time) beyond which they are flagged `kiosk_daily_cap` (docs/abuse-rules.md). */
    KIOSK_DAILY_LIMIT: z.coerce.number().int().min(1).max(100_000).default(600),
    /** Batch requests a kiosk credential may send per minute before 429 (the tablet sends one every few seconds at most). */
    KIOSK_BATCHES_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(30),
    /**
     * Calls a dossier system's key may make per second on average (issue 17), with bursts of up to
     * 10 seconds' worth; counted in the database so every app server agrees (server/integrations.ts).
     * Beyond it the API answers 429 with Retry-After.
     */
    API_CALLS_PER_SECOND: z.coerce.number().int().min(1).max(1000).default(50),
    /**
     * E-mail (lib/mail/config.ts): an SMTP server as one URL (`smtp://user:pass@host:587`,
     * `smtps://…:465`) or as host, port, user and password; unset, the app sends no e-mail.
     */
    SMTP_URL: z
      .string()
      .trim()
      .regex(/^smtps?:\/\/[^/]/i, { message: 'phải là một địa chỉ smtp://… hoặc smtps://…' })
      .optional(),
    SMTP_HOST: z.string().trim().min(1).optional(),
    SMTP_PORT: z.coerce.number().int().min(1).max(65_535).optional(),
    SMTP_USER: z.string().optional(),
    SMTP_PASS: z.string().optional(),
    /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
    SMTP_SECURE: z.enum(['true', 'false']).optional(),
    /** The sender of every e-mail, e.g. `Hài Lòng <khong-tra-loi@snv.ninhbinh.gov.vn>`; required with SMTP. */
    MAIL_FROM: z.string().trim().min(3).optional(),
    /** Where backups go (docs/decisions/025); unset: a `backups` folder beside the database file (DATABASE_PATH). */
    BACKUP_DIR: z.string().trim().min(1).optional(),
    /** Retention (lib/backups.ts): the newest backup of each of this many days and of each of this many months is kept. */
    BACKUP_KEEP_DAILY: z.coerce.number().int().min(0).max(3650).default(14),
    BACKUP_KEEP_MONTHLY: z.coerce.number().int().min(0).max(1200).default(12),
    /** PostgreSQL's dump and restore programs (Debian: /usr/bin/pg_dump, a wrapper that picks the newest installed version). */
    PG_DUMP_PATH: z.string().trim().min(1).default('pg_dump'),
    PG_RESTORE_PATH: z.string().trim().min(1).default('pg_restore'),
    /** The servers' JSON log (server/log.ts): lines below this level are not written. */
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'phải là một trong fatal, error, warn, info, debug, trace, silent' })
      .default('info'),
    /**
     * Bearer token of the Prometheus endpoint /api/metrics (docs/decisions/029); unset, the endpoint
     * does not exist (404). Make one with `openssl rand -hex 32`.
     */
    METRICS_TOKEN: z.string().trim().min(16, { message: 'cần ít nhất 16 ký tự (ví dụ: openssl rand -hex 32)' }).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.SMTP_URL && env.SMTP_HOST) {
      ctx.addIssue({ code: 'custom', path: ['SMTP_HOST'], message: 'đặt SMTP_URL hoặc SMTP_HOST, không đặt cả hai' });
    }
    if ((env.SMTP_URL || env.SMTP_HOST) && !env.MAIL_FROM) {
      ctx.addIssue({ code: 'custom', path: ['MAIL_FROM'], message: 'cần địa chỉ người gửi khi đã cấu hình máy chủ thư (SMTP), ví dụ "Hài Lòng <khong-tra-loi@snv.ninhbinh.gov.vn>"' });
    }
  })
  .superRefine((env, ctx) => {
    if (env.HAILONG_MODE !== 'production') return;
    const host = new URL(env.PUBLIC_BASE_URL).hostname;
    if (isLocalHost(host)) {
      ctx.addIssue({
        code: 'custom',
        path: ['PUBLIC_BASE_URL'],
        message: `trỏ tới máy cục bộ (${host}); mã QR in ra sẽ không mở được trên điện thoại của người dân. Đặt địa chỉ công khai, ví dụ https://hailong.example.gov.vn`,
      });
    }
    for (const key of ['AUTH_SECRET', 'SIGNAL_SALT'] as const) {
      if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: SECRET_MESSAGES[key] });
    }
  })
  .transform((env) => ({ ...env, DATABASE_SYNCHRONOUS: env.DATABASE_SYNCHRONOUS ?? (env.HAILONG_MODE === 'production' ? 'full' : 'normal') }));

export type Env = Omit<z.infer<typeof EnvSchema>, keyof LocalSecrets> & LocalSecrets;

export function isLocalHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || h === '0.0.0.0' || /^127\./.test(h);
}

export type EnvResult = { ok: true; env: Env } | { ok: false; problems: string[] };

/**
 * Parses raw variables (usually `process.env`); empty strings count as unset.
 * Outside production a secret that is not configured comes from
 * `localSecrets` (the installation's own, given the database path); without
 * that source it is a problem like any other.
 */
export function parseEnv(raw: Record<string, string | undefined>, localSecrets?: LocalSecretsSource): EnvResult {
  const cleaned = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== ''));
  const result = EnvSchema.safeParse(cleaned);
  if (!result.success) return { ok: false, problems: result.error.issues.map((i) => `${i.path.join('.') || 'env'}: ${i.message}`) };
  const { AUTH_SECRET, SIGNAL_SALT, ...rest } = result.data;
  if (AUTH_SECRET && SIGNAL_SALT) return { ok: true, env: { ...rest, AUTH_SECRET, SIGNAL_SALT } };
  if (!localSecrets) {
    const missing = (['AUTH_SECRET', 'SIGNAL_SALT'] as const).filter((k) => !result.data[k]);
    return { ok: false, problems: missing.map((k) => `${k}: chưa đặt, và không có tệp bí mật riêng của bản cài đặt`) };
  }
  const local = localSecrets(rest.DATABASE_PATH);
  return { ok: true, env: { ...rest, AUTH_SECRET: AUTH_SECRET ?? local.AUTH_SECRET, SIGNAL_SALT: SIGNAL_SALT ?? local.SIGNAL_SALT } };
}

const cache = globalThis as unknown as { __hailongEnv?: Env; __hailongLocalSecrets?: LocalSecretsSource };

/**
 * Registers where secrets come from when none is configured (db/client.ts
 * does, with the file beside the database), so that every process that
 * reads the environment (server, scripts, benchmarks, tests) sees the same.
 */
export function provideLocalSecrets(source: LocalSecretsSource) {
  cache.__hailongLocalSecrets ??= source;
}

/**
 * The validated environment of this process. The one place that reads
 * `process.env`; throws once, listing every problem, when it is invalid.
 */
export function getEnv(): Env {
  if (cache.__hailongEnv) return cache.__hailongEnv;
  const result = parseEnv(process.env, cache.__hailongLocalSecrets);
  if (!result.ok) throw new Error(`Cấu hình không hợp lệ:\n  - ${result.problems.join('\n  - ')}`);
  cache.__hailongEnv = result.env;
  return result.env;
}
