import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';

test('production mode refuses to start when PUBLIC_BASE_URL points at localhost', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hailong-start-'));
  const run = spawnSync(process.execPath, [require.resolve('next/dist/bin/next'), 'start', '-p', '3190'], {
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: '1',
      HAILONG_MODE: 'production',
      PUBLIC_BASE_URL: 'http://localhost:3190',
      SIGNAL_SALT: 'a-long-enough-production-salt',
      DATABASE_PATH: path.join(dir, 'prod.db'),
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
  fs.rmSync(dir, { recursive: true, force: true });
  expect(run.status).toBe(1);
  expect(run.stderr).toContain('Hài Lòng không khởi động được');
  expect(run.stderr).toContain('PUBLIC_BASE_URL: trỏ tới máy cục bộ (localhost)');
});

test('a PostgreSQL that cannot be reached at start: a Vietnamese message naming it, no stack, exit 1', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hailong-start-'));
  const run = spawnSync(process.execPath, [require.resolve('next/dist/bin/next'), 'start', '-p', '3191'], {
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: '1',
      HAILONG_MODE: 'test',
      PUBLIC_BASE_URL: 'http://localhost:3191',
      DATABASE_PATH: path.join(dir, 'unused.db'),
      // Nothing listens on port 1.
      DATABASE_URL: 'postgres://hl:secret-password@127.0.0.1:1/hailong',
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
  fs.rmSync(dir, { recursive: true, force: true });
  expect(run.status).toBe(1);
  expect(run.stderr).toContain('Hài Lòng không khởi động được');
  expect(run.stderr).toContain('PostgreSQL');
  expect(run.stderr).not.toContain('secret-password');
  expect(run.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
});
