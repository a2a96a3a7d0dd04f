import { z } from 'zod';

/**
 * How the app runs. `production` is a real deployment: it refuses a localhost
 * PUBLIC_BASE_URL (printed QR codes would point nowhere) and default secrets.
 * `demo` seeds a demo province on first start; `test` is the same for e2e runs.
 */
export const APP_MODES = ['development', 'demo', 'test', 'production'] as const;
export type AppMode = (typeof APP_MODES)[number];

const DEV_SECRET = 'hai-long-development-secret-not-for-production';

const EnvSchema = z
  .object({
    HAILONG_MODE: z.enum(APP_MODES).default('development'),
    DATABASE_PATH: z.string().trim().min(1).default('data/hai-long.db'),
    /** How long a query waits for another connection's lock before the page answers 503 "busy". */
    DATABASE_BUSY_TIMEOUT_MS: z.coerce.number().int().min(0).max(60_000).default(5000),
    PUBLIC_BASE_URL: z
      .url({ message: 'phải là một địa chỉ http(s) hợp lệ' })
      .default('http://localhost:3000')
      .transform((u) => u.replace(/\/+$/, '')),
    /** Salt for hashing device ids and IP addresses (domain.md §7). */
    SIGNAL_SALT: z.string().min(16).default(DEV_SECRET),
    /** Signs session cookies (next-auth); required in production. */
    AUTH_SECRET: z.string().min(32).default(DEV_SECRET),
    /** How long a staff session lasts without signing in again, in hours. */
    SESSION_HOURS: z.coerce.number().min(1).max(24 * 30).default(10),
    /** Number of reverse proxies in front of the app whose X-Forwarded-For we trust. */
    TRUST_PROXY: z.coerce.number().int().min(0).max(5).default(0),
    /** Demo responses created on first start (demo/test modes). */
    SEED_RESPONSES: z.coerce.number().int().min(0).max(10_000_000).default(12_000),
    /** Retention of contact data in months (domain.md §7). */
    CONTACT_RETENTION_MONTHS: z.coerce.number().int().min(1).max(120).default(12),
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
    if (env.AUTH_SECRET === DEV_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['AUTH_SECRET'], message: 'cần một giá trị bí mật riêng (ít nhất 32 ký tự) khi chạy thật' });
    }
    if (env.SIGNAL_SALT === DEV_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['SIGNAL_SALT'], message: 'cần một giá trị bí mật riêng (ít nhất 16 ký tự) khi chạy thật' });
    }
  });

export type Env = z.infer<typeof EnvSchema>;

export function isLocalHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || h === '0.0.0.0' || /^127\./.test(h);
}

export type EnvResult = { ok: true; env: Env } | { ok: false; problems: string[] };

/** Parses raw variables (usually `process.env`); empty strings count as unset. */
export function parseEnv(raw: Record<string, string | undefined>): EnvResult {
  const cleaned = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== ''));
  const result = EnvSchema.safeParse(cleaned);
  if (result.success) return { ok: true, env: result.data };
  return { ok: false, problems: result.error.issues.map((i) => `${i.path.join('.') || 'env'}: ${i.message}`) };
}

const cache = globalThis as unknown as { __hailongEnv?: Env };

/**
 * The validated environment of this process. The one place that reads
 * `process.env`; throws once, listing every problem, when it is invalid.
 */
export function getEnv(): Env {
  if (cache.__hailongEnv) return cache.__hailongEnv;
  const result = parseEnv(process.env);
  if (!result.ok) throw new Error(`Cấu hình không hợp lệ:\n  - ${result.problems.join('\n  - ')}`);
  cache.__hailongEnv = result.env;
  return result.env;
}
