import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localSecretsPath, readOrCreateLocalSecrets } from './local-secrets';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hailong-secrets-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('readOrCreateLocalSecrets', () => {
  it('makes the secrets once, beside the database, readable only by the owner; later reads give the same', () => {
    const db = path.join(dir, 'sub', 'app.db');
    const first = readOrCreateLocalSecrets(db);
    expect(first.AUTH_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(first.SIGNAL_SALT.length).toBeGreaterThanOrEqual(16);
    const file = localSecretsPath(db);
    expect(path.dirname(file)).toBe(path.join(dir, 'sub'));
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(readOrCreateLocalSecrets(db)).toEqual(first);
    expect(fs.readdirSync(path.dirname(file))).toEqual([path.basename(file)]);
  });

  it('two installations get different secrets', () => {
    expect(readOrCreateLocalSecrets(path.join(dir, 'a', 'x.db'))).not.toEqual(readOrCreateLocalSecrets(path.join(dir, 'b', 'x.db')));
  });

  it('keeps what another process wrote first', () => {
    const db = path.join(dir, 'app.db');
    const theirs = { AUTH_SECRET: 't'.repeat(40), SIGNAL_SALT: 'u'.repeat(20) };
    fs.writeFileSync(localSecretsPath(db), JSON.stringify(theirs), { mode: 0o600 });
    expect(readOrCreateLocalSecrets(db)).toEqual(theirs);
  });

  it('processes starting at the same moment all end with the same secrets', async () => {
    const db = path.join(dir, 'race', 'app.db');
    const script = `import { readOrCreateLocalSecrets } from './db/local-secrets.ts'; process.stdout.write(JSON.stringify(readOrCreateLocalSecrets(${JSON.stringify(db)})));`;
    const run = () =>
      new Promise<string>((resolve, reject) => {
        const child = execFile(path.resolve('node_modules/.bin/tsx'), ['-e', script], (err, out) => (err ? reject(err) : resolve(out)));
        child.stdin?.end();
      });
    const outs = await Promise.all([run(), run(), run(), run()]);
    expect(new Set(outs).size).toBe(1);
    expect(JSON.parse(outs[0]!)).toEqual(readOrCreateLocalSecrets(db));
    expect(fs.readdirSync(path.dirname(db))).toEqual(['hai-long-secrets.json']);
  }, 60_000);

  it('refuses a damaged file rather than replacing it', () => {
    const db = path.join(dir, 'app.db');
    fs.writeFileSync(localSecretsPath(db), '{"AUTH_SECRET": "ngắn"}');
    expect(() => readOrCreateLocalSecrets(db)).toThrow(/bị hỏng/);
    expect(fs.readFileSync(localSecretsPath(db), 'utf8')).toBe('{"AUTH_SECRET": "ngắn"}');
  });
});
