import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './processes';

/** The systemd unit of the install recipe (deploy/README.md). */
export const SERVICE_UNIT = 'deploy/hai-long.service';
/** The drop-in an app server of a PostgreSQL deployment adds to it (docs/deploy-postgresql.md). */
export const POSTGRESQL_DROP_IN = 'deploy/hai-long.service.d/postgresql.conf';

/**
 * What the service sets for the server's memory (NODE_OPTIONS: heap caps and
 * the young generation; MALLOC_ARENA_MAX), read from the unit and then from
 * each drop-in, later lines overriding earlier ones as systemd applies them:
 * a benchmark run with these figures measures the deployment, not Node's defaults.
 */
export function serviceMemoryEnv(files: readonly string[] = [SERVICE_UNIT]): { NODE_OPTIONS: string; MALLOC_ARENA_MAX?: string } {
  const env: Record<string, string> = {};
  for (const file of files) Object.assign(env, environmentOf(fs.readFileSync(path.join(ROOT, file), 'utf8')));
  if (!env.NODE_OPTIONS) throw new Error(`${files.join(' + ')} set no NODE_OPTIONS`);
  return { NODE_OPTIONS: env.NODE_OPTIONS, ...(env.MALLOC_ARENA_MAX ? { MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX } : {}) };
}

/** systemd's `Environment=` lines: space-separated assignments, each possibly in double quotes. */
export function environmentOf(unit: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [, rest] of unit.matchAll(/^Environment=(.*)$/gm)) {
    for (const [, quoted, bare] of rest!.matchAll(/"([^"]*)"|(\S+)/g)) {
      const assignment = quoted ?? bare!;
      const eq = assignment.indexOf('=');
      if (eq > 0) env[assignment.slice(0, eq)] = assignment.slice(eq + 1);
    }
  }
  return env;
}
