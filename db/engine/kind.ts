/**
 * Which engine this process stores into, decided once from the environment:
 * `DATABASE_URL=postgres://…` is PostgreSQL, anything else the embedded
 * SQLite file at `DATABASE_PATH`. Read directly from `process.env` (not
 * lib/env.ts) because db/schema.ts needs it while modules are being loaded,
 * before anything validates the rest of the configuration.
 */
export type EngineKind = 'sqlite' | 'pg';

export function isPostgresUrl(url: string | undefined): url is string {
  return Boolean(url && /^postgres(ql)?:\/\//i.test(url.trim()));
}

export function engineKind(): EngineKind {
  return isPostgresUrl(process.env.DATABASE_URL) ? 'pg' : 'sqlite';
}
