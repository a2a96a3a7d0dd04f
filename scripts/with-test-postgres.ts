/**
 * Runs a command with a throwaway PostgreSQL server for the tests:
 *
 *   tsx scripts/with-test-postgres.ts <command…>
 *
 * With TEST_DATABASE_URL set, that server is used as it is (an administrator
 * connection to its `postgres` database; every test creates and drops its own
 * databases). Without it, a cluster is created in a temporary folder with the
 * machine's PostgreSQL binaries, listening on loopback only, and removed when
 * the command ends — as the `postgres` user when run as root, since the server
 * refuses root. A machine without PostgreSQL fails here with one line saying
 * what to install: the tests never skip an engine silently. The command also
 * gets TEST_PG_CTL, a pg_ctl command line for that cluster (stop/start), for
 * the test that restarts PostgreSQL under load, and TEST_DATABASE_SOCKET_URL,
 * the same server over its Unix socket (benchmarks of one machine).
 *
 * PG_DURABLE=1 keeps fsync and full-page writes on (commits still do not wait
 * for the disk, as SQLite's WAL with synchronous=NORMAL): for benchmarks
 * whose figures are compared with SQLite's. The tests leave them off.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const command = process.argv.slice(2);
if (command.length === 0) {
  console.error('usage: tsx scripts/with-test-postgres.ts <command…>');
  process.exit(2);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});

async function main() {
  if (process.env.TEST_DATABASE_URL) process.exit(await run(process.env.TEST_DATABASE_URL));
  const bin = findPostgresBin();
  if (!bin) {
    throw new Error(
      'PostgreSQL 15+ is needed for the tests and was not found: install it (Debian: apt-get install -y postgresql) or set TEST_DATABASE_URL to a server you own.',
    );
  }
  const cluster = await startCluster(bin);
  let code = 1;
  try {
    code = await run(cluster.url, cluster.control, cluster.socketUrl);
  } finally {
    cluster.stop();
  }
  process.exit(code);
}

function run(url: string, control?: string, socketUrl?: string): Promise<number> {
  return new Promise((resolve) => {
    const env = { ...process.env, TEST_DATABASE_URL: url, ...(control ? { TEST_PG_CTL: control } : {}), ...(socketUrl ? { TEST_DATABASE_SOCKET_URL: socketUrl } : {}) };
    const child = spawn(command.join(' '), { shell: true, stdio: 'inherit', env });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function findPostgresBin(): string | null {
  const candidates: string[] = [];
  const fromPgConfig = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  if (fromPgConfig.status === 0) candidates.push(fromPgConfig.stdout.trim());
  const debian = '/usr/lib/postgresql';
  if (fs.existsSync(debian)) {
    for (const version of fs.readdirSync(debian).sort((a, b) => Number(b) - Number(a))) {
      if (Number(version) >= 15) candidates.push(path.join(debian, version, 'bin'));
    }
  }
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) candidates.push(dir);
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl'))) ?? null;
}

async function startCluster(bin: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hailong-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) spawnSync('chown', ['postgres', dir]);
  const port = await freePort();
  const as = (exe: string, args: string[]) => {
    const full = path.join(bin, exe);
    const result = asRoot
      ? spawnSync('runuser', ['-u', 'postgres', '--', full, ...args], { encoding: 'utf8' })
      : spawnSync(full, args, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${exe} failed: ${(result.stderr || result.stdout || '').trim()}`);
  };
  const data = path.join(dir, 'data');
  as('initdb', ['-D', data, '-A', 'trust', '-U', 'hl', '--no-locale', '-E', 'UTF8']);
  // Throwaway data: durability settings off make CREATE DATABASE … TEMPLATE (one per test) fast.
  const durable = process.env.PG_DURABLE === '1';
  const options = [
    `-k ${dir}`,
    `-p ${port}`,
    '-c listen_addresses=127.0.0.1',
    ...(durable ? [] : ['-c fsync=off', '-c full_page_writes=off']),
    '-c synchronous_commit=off',
    '-c max_connections=300',
  ].join(' ');
  as('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-w', '-o', options, 'start']);
  console.log(`PostgreSQL for the tests on 127.0.0.1:${port} (${dir}${durable ? ', fsync on' : ''})`);
  const pgCtl = path.join(bin, 'pg_ctl');
  return {
    url: `postgres://hl@127.0.0.1:${port}/postgres`,
    socketUrl: `postgres://hl@localhost:${port}/postgres?host=${encodeURIComponent(dir)}`,
    // For the test that stops and restarts the server under load: `$TEST_PG_CTL stop` / `$TEST_PG_CTL start`.
    control: `${asRoot ? 'runuser -u postgres -- ' : ''}${pgCtl} -D ${data} -l ${path.join(dir, 'log')} -w -m fast -o '${options}'`,
    stop() {
      try {
        as('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
