import { spawn } from 'node:child_process';
import pg from 'pg';
import { compareMigrations, type MigrationState } from '@/lib/backups';
import { knownMigrationMillis } from './sqlite-files';

/**
 * PostgreSQL's backups and restores through Debian's `pg_dump` and
 * `pg_restore` (docs/decisions/025-backups-and-upgrades.md), and what a
 * database's migrations table says about the version that wrote it.
 */

/** The migrations recorded in a PostgreSQL database (none when drizzle's table is missing). */
export async function appliedPgMigrations(client: Pick<pg.ClientBase, 'query'>): Promise<number[]> {
  const exists = await client.query("select to_regclass('drizzle.__drizzle_migrations') is not null as present");
  if (!exists.rows[0]?.present) return [];
  const rows = await client.query('select created_at from drizzle.__drizzle_migrations');
  return rows.rows.map((r: { created_at: unknown }) => Number(r.created_at));
}

export async function pgMigrationState(client: Pick<pg.ClientBase, 'query'>, migrationsFolder: string): Promise<MigrationState> {
  return compareMigrations(await appliedPgMigrations(client), knownMigrationMillis(migrationsFolder));
}

export type ProgramResult = { code: number; stdout: string; stderr: string };

/** Runs one of PostgreSQL's programs, never through a shell; a password goes in PGPASSWORD, not on the command line (`ps` shows that). */
export function runProgram(program: string, args: string[], { stdoutLimit = 16 * 1024 * 1024, password }: { stdoutLimit?: number; password?: string } = {}): Promise<ProgramResult> {
  return new Promise((resolve, reject) => {
    const env = password === undefined ? process.env : { ...process.env, PGPASSWORD: password };
    const child = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      if (stdout.length < stdoutLimit) stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ENOENT' ? new Error(`không tìm thấy chương trình ${program} (Debian: apt-get install -y postgresql-client; hoặc đặt PG_DUMP_PATH / PG_RESTORE_PATH)`) : error),
    );
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** `pg_dump -Fc` of the whole database into `dest`. */
export async function dumpPg(pgDump: string, url: string, dest: string): Promise<void> {
  const { bare, password } = splitPassword(url);
  const r = await runProgram(pgDump, ['--format=custom', '--no-owner', '--no-privileges', `--file=${dest}`, `--dbname=${bare}`], { password });
  if (r.code !== 0) throw new Error(`pg_dump thất bại: ${r.stderr.trim()}`);
}

/** The `created_at` of each migration recorded in a dump, read from the archive without restoring it. */
export async function dumpedMigrations(pgRestore: string, file: string): Promise<number[]> {
  const list = await runProgram(pgRestore, ['--list', file]);
  if (list.code !== 0) throw new Error(`tệp không phải một bản pg_dump -Fc đọc được: ${list.stderr.trim()}`);
  const data = await runProgram(pgRestore, ['--data-only', '--schema=drizzle', '--table=__drizzle_migrations', '--file=-', file]);
  if (data.code !== 0) throw new Error(`không đọc được bảng nâng cấp trong tệp: ${data.stderr.trim()}`);
  // COPY drizzle.__drizzle_migrations (id, hash, created_at) FROM stdin; rows tab-separated, ended by "\.".
  const lines = data.stdout.split('\n');
  const start = lines.findIndex((l) => /^COPY drizzle\.__drizzle_migrations /.test(l));
  if (start < 0) return [];
  const columns = (/\(([^)]*)\)/.exec(lines[start] ?? '')?.[1] ?? '').split(',').map((c) => c.trim().replace(/"/g, ''));
  const at = columns.indexOf('created_at');
  const out: number[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line === '\\.') break;
    out.push(Number(line.split('\t')[at] ?? NaN));
  }
  return out;
}

export async function dumpMigrationState(pgRestore: string, file: string, migrationsFolder: string): Promise<MigrationState> {
  return compareMigrations(await dumpedMigrations(pgRestore, file), knownMigrationMillis(migrationsFolder));
}

/** Other sessions on the database at `url` (a running app server, psql…): what a restore must not pull the tables from under. */
export async function otherPgSessions(url: string): Promise<{ application: string; count: number }[]> {
  const client = new pg.Client({ connectionString: url, application_name: 'hai-long-restore' });
  await client.connect();
  try {
    const r = await client.query(
      `select coalesce(nullif(application_name, ''), '(không tên)') as application, count(*)::int as count
         from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() group by 1 order by 1`,
    );
    return r.rows as { application: string; count: number }[];
  } finally {
    await client.end();
  }
}

/**
 * Replaces the database's content with a dump: drizzle's and the public
 * schema are dropped, then `pg_restore` runs in one transaction and stops at
 * the first error. (The current content was dumped first by the caller.)
 */
export async function restorePg(pgRestore: string, url: string, file: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, application_name: 'hai-long-restore' });
  await client.connect();
  try {
    await client.query('begin');
    await client.query('drop schema if exists drizzle cascade');
    await client.query('drop schema if exists public cascade');
    await client.query('create schema public');
    await client.query('commit');
  } finally {
    await client.end();
  }
  const { bare, password } = splitPassword(url);
  const r = await runProgram(pgRestore, ['--single-transaction', '--exit-on-error', '--no-owner', '--no-privileges', `--dbname=${bare}`, file], { password });
  if (r.code !== 0) throw new Error(`pg_restore thất bại: ${r.stderr.trim()}`);
}

function splitPassword(url: string): { bare: string; password?: string } {
  const u = new URL(url);
  if (!u.password) return { bare: url };
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { bare: u.toString(), password };
}
