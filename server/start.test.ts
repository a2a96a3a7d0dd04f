import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';

/** A loopback port nothing listens on: bound once, then closed. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

it('stops with a Vietnamese message naming the address, and exit code 1, when PostgreSQL cannot be reached', async () => {
  const port = await closedPort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hailong-start-'));
  try {
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'test',
      HAILONG_MODE: 'demo',
      DATABASE_URL: `postgres://hl:matkhau@127.0.0.1:${port}/hailong`,
      DATABASE_PATH: path.join(dir, 'unused.db'),
    } satisfies NodeJS.ProcessEnv;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', "require('./server/start').startUp().then(() => process.exit(0))"], {
      cwd: process.cwd(),
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`không kết nối được PostgreSQL tại postgres://hl:***@127.0.0.1:${port}/hailong`);
    expect(run.stderr).toContain('Kiểm tra:');
    expect(run.stderr).not.toContain('matkhau');
    // A message, not a crash: no stack frames.
    expect(run.stderr).not.toMatch(/\n\s+at /);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 90_000);
