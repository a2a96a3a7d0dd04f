import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { networkKey } from '../lib/client-address';
import { DIRECT_DATABASE, DIRECT_DB, DIRECT_PORT, E2E_DB } from '../playwright.config';
import { openSql } from './db';
import { CODES, expect, expectNoSeriousA11yViolations, Q1, Q2, SurveyPage, test } from './fixtures';

/**
 * The install recipe of deploy/ tested as far as this machine allows
 * (docs/decisions/030): the shipped nginx site (deploy/nginx/hai-long.conf)
 * passes `nginx -t`; the shipped unit passes `systemd-analyze verify`; and
 * the very same site, with only its ports, certificate and paths replaced,
 * runs with a certificate made here in front of the e2e servers on loopback:
 * headers, the redirect to HTTPS, and the client address the app records
 * (TRUST_PROXY=1 on the main server, 0 on the direct one).
 */

const ROOT = path.resolve(__dirname, '..');
const SITE = fs.readFileSync(path.join(ROOT, 'deploy/nginx/hai-long.conf'), 'utf8');
const UNIT = path.join(ROOT, 'deploy/hai-long.service');
/** The main e2e server's port, as playwright.config.ts chooses it (TRUST_PROXY=1). */
const APP_PORT = Number(process.env.E2E_PORT ?? 3100);

function findProgram(envName: string, candidates: string[]): string | null {
  const own = process.env[envName];
  if (own) return fs.existsSync(own) ? own : null;
  for (const c of candidates) if (fs.existsSync(c)) return c;
  const which = spawnSync('sh', ['-c', `command -v ${path.basename(candidates[0]!)}`], { encoding: 'utf8' });
  return which.status === 0 && which.stdout.trim() ? which.stdout.trim() : null;
}

const NGINX = findProgram('NGINX_PATH', ['/usr/sbin/nginx']);
const SYSTEMD_ANALYZE = findProgram('SYSTEMD_ANALYZE_PATH', ['/usr/bin/systemd-analyze']);
const OPENSSL = findProgram('OPENSSL_PATH', ['/usr/bin/openssl']);
const NO_NGINX = 'nginx is not installed (`apt-get install -y nginx`; .ci/run installs it): the reverse-proxy tests are skipped';
const NO_OPENSSL = 'openssl is not installed: no certificate can be made for the reverse-proxy tests, which are skipped';
if (!NGINX) console.warn(`SKIP e2e/reverse-proxy.spec.ts: ${NO_NGINX}`);

/** A loopback port nobody listens on right now. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Replaces `from` in `text`, failing when it is not there: the shipped file and this test must not drift apart. */
function replaceExactly(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`deploy/nginx/hai-long.conf no longer contains "${from}": update e2e/reverse-proxy.spec.ts with it`);
  return text.split(from).join(to);
}

type Tls = { cert: string; key: string };

/** The shipped site with only what a test on loopback must change: ports, upstream, certificate, web roots, names unique per copy. */
function renderSite(n: number, o: { httpPort: number; tlsPort: number; upstreamPort: number; tls: Tls; acmeRoot: string }): string {
  let s = SITE;
  s = replaceExactly(s, 'listen 80;', `listen 127.0.0.1:${o.httpPort};`);
  s = replaceExactly(s, 'listen [::]:80;', '');
  s = replaceExactly(s, 'listen 443 ssl http2;', `listen 127.0.0.1:${o.tlsPort} ssl http2;`);
  s = replaceExactly(s, 'listen [::]:443 ssl http2;', '');
  s = replaceExactly(s, 'server 127.0.0.1:3000;', `server 127.0.0.1:${o.upstreamPort};`);
  s = replaceExactly(s, 'hai_long_app', `hai_long_app_${n}`);
  s = replaceExactly(s, '/etc/ssl/hai-long/fullchain.pem', o.tls.cert);
  s = replaceExactly(s, '/etc/ssl/hai-long/privkey.pem', o.tls.key);
  s = replaceExactly(s, 'root /var/www/letsencrypt;', `root ${o.acmeRoot};`);
  s = replaceExactly(s, 'root /opt/hai-long/current/deploy/nginx;', `root ${path.join(ROOT, 'deploy/nginx')};`);
  return s;
}

/** A whole nginx.conf around site files, everything nginx writes kept in `dir`. */
function mainConfig(dir: string, sites: string[]): string {
  const temp = (name: string) => path.join(dir, name);
  return [
    // As root, nginx's workers would run as nobody and could not write the temporary folders made here.
    process.getuid?.() === 0 ? 'user root;' : '',
    'worker_processes 1;',
    'daemon off;',
    `pid ${temp('nginx.pid')};`,
    `error_log ${temp('error.log')} warn;`,
    'events { worker_connections 256; }',
    'http {',
    '  include /etc/nginx/mime.types;',
    '  default_type application/octet-stream;',
    `  access_log ${temp('access.log')};`,
    `  client_body_temp_path ${temp('body')};`,
    `  proxy_temp_path ${temp('proxy')};`,
    `  fastcgi_temp_path ${temp('fastcgi')};`,
    `  uwsgi_temp_path ${temp('uwsgi')};`,
    `  scgi_temp_path ${temp('scgi')};`,
    ...sites.map((s) => `  include ${s};`),
    '}',
    '',
  ].join('\n');
}

function makeCertificate(dir: string): Tls {
  const tls = { cert: path.join(dir, 'cert.pem'), key: path.join(dir, 'key.pem') };
  const made = spawnSync(
    OPENSSL!,
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-keyout', tls.key, '-out', tls.cert],
    { encoding: 'utf8' },
  );
  if (made.status !== 0) throw new Error(`openssl: ${made.stderr}`);
  return tls;
}

function nginxArgs(dir: string, conf: string): string[] {
  // -e: nginx's own errors go here from the first moment, not to /var/log/nginx (root-only).
  return ['-e', path.join(dir, 'error.log'), '-p', dir, '-c', conf];
}

async function waitForPort(port: number, proc: ChildProcess, logOf: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`nginx exited (${proc.exitCode}): ${logOf()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nginx did not listen on ${port}: ${logOf()}`);
}

type Reply = { status: number; headers: http.IncomingHttpHeaders; raw: string[]; body: string };

/** One request with Node's own client: the local address chosen (127.0.0.x), the TLS certificate checked against the one made here. */
function request(url: string, o: { localAddress?: string; headers?: Record<string, string>; method?: string; body?: string; ca?: string } = {}): Promise<Reply> {
  const u = new URL(url);
  const client = u.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      u,
      { method: o.method ?? 'GET', headers: o.headers, localAddress: o.localAddress, ...(o.ca ? { ca: o.ca, servername: 'localhost' } : {}) },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, raw: res.rawHeaders, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    if (o.body) req.write(o.body);
    req.end();
  });
}

/** How many times a header came (raw, before Node folds repeats into one value). */
function countHeader(reply: Reply, name: string): number {
  return reply.raw.filter((v, i) => i % 2 === 0 && v.toLowerCase() === name).length;
}

/** The network hash the server with this database stores for `address` (its salt is the installation's own in test mode). */
function expectedNetworkHash(dbFile: string, address: string): string {
  const secrets = JSON.parse(fs.readFileSync(path.join(path.dirname(path.resolve(dbFile)), 'hai-long-secrets.json'), 'utf8')) as { SIGNAL_SALT: string };
  // As server/http.ts hashSignal keys throttles and audit entries (imported here it would pull in the app's environment).
  return createHmac('sha256', secrets.SIGNAL_SALT).update(`network:${networkKey(address)}`).digest('hex').slice(0, 32);
}

test.describe('deploy files', () => {
  test('the shipped nginx site passes nginx -t (only the certificate paths replaced)', () => {
    test.skip(!NGINX, NO_NGINX);
    test.skip(!OPENSSL, NO_OPENSSL);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hailong-nginx-t-'));
    try {
      const tls = makeCertificate(dir);
      let site = replaceExactly(SITE, '/etc/ssl/hai-long/fullchain.pem', tls.cert);
      site = replaceExactly(site, '/etc/ssl/hai-long/privkey.pem', tls.key);
      fs.writeFileSync(path.join(dir, 'site.conf'), site);
      fs.writeFileSync(path.join(dir, 'nginx.conf'), mainConfig(dir, [path.join(dir, 'site.conf')]));
      const run = spawnSync(NGINX!, ['-t', ...nginxArgs(dir, path.join(dir, 'nginx.conf'))], { encoding: 'utf8' });
      expect(run.stderr).toContain('syntax is ok');
      expect(run.stderr).toContain('test is successful');
      expect(run.stderr).not.toMatch(/\[warn\]|\[emerg\]/);
      expect(run.status).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the shipped systemd unit passes systemd-analyze verify with no warning, and its exposure stays at most 2.0', () => {
    test.skip(!SYSTEMD_ANALYZE, 'systemd-analyze is not installed (package systemd): the unit file is not verified');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hailong-unit-'));
    try {
      let unit = fs.readFileSync(UNIT, 'utf8');
      // verify checks that ExecStart's program exists: on a machine whose node is elsewhere than Debian's, use this one.
      if (!fs.existsSync('/usr/bin/node')) unit = replaceExactly(unit, 'ExecStart=/usr/bin/node ', `ExecStart=${process.execPath} `);
      const file = path.join(dir, 'hai-long.service');
      fs.writeFileSync(file, unit);
      const run = spawnSync(SYSTEMD_ANALYZE!, ['verify', file], { encoding: 'utf8' });
      // Unknown keys, misplaced settings and bad values are warnings on stderr with exit status 0.
      expect(run.stderr.trim()).toBe('');
      expect(run.status).toBe(0);
      // The hardening stays "OK": an exposure of at most 2.0 of 10 (1.4 when written; --threshold counts tenths).
      const security = spawnSync(SYSTEMD_ANALYZE!, ['security', '--offline=true', '--threshold=20', '--no-pager', file], { encoding: 'utf8' });
      expect(security.stdout).toMatch(/Overall exposure level for hai-long\.service: [01]\.\d|Overall exposure level for hai-long\.service: 2\.0/);
      expect(security.status).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

test.describe('the app behind nginx on loopback', () => {
  test.skip(!NGINX, NO_NGINX);
  test.skip(!OPENSSL, NO_OPENSSL);

  let dir = '';
  let nginx: ChildProcess | null = null;
  let ca = '';
  const ports = { http: 0, tls: 0, directTls: 0, deadTls: 0 };
  const httpsUrl = (port: number, p: string) => `https://127.0.0.1:${port}${p}`;

  test.beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hailong-nginx-'));
    const tls = makeCertificate(dir);
    ca = fs.readFileSync(tls.cert, 'utf8');
    const acmeRoot = path.join(dir, 'acme');
    fs.mkdirSync(path.join(acmeRoot, '.well-known/acme-challenge'), { recursive: true });
    fs.writeFileSync(path.join(acmeRoot, '.well-known/acme-challenge/kiem-tra'), 'acme-token');
    for (const key of Object.keys(ports) as (keyof typeof ports)[]) ports[key] = await freePort();
    const spare = () => freePort();
    // The main server (TRUST_PROXY=1), the direct one (TRUST_PROXY=0), and a port where nothing listens (the app is down).
    const sites = [
      renderSite(1, { httpPort: ports.http, tlsPort: ports.tls, upstreamPort: APP_PORT, tls, acmeRoot }),
      renderSite(2, { httpPort: await spare(), tlsPort: ports.directTls, upstreamPort: DIRECT_PORT, tls, acmeRoot }),
      renderSite(3, { httpPort: await spare(), tlsPort: ports.deadTls, upstreamPort: await spare(), tls, acmeRoot }),
    ].map((text, i) => {
      const file = path.join(dir, `site-${i + 1}.conf`);
      fs.writeFileSync(file, text);
      return file;
    });
    const conf = path.join(dir, 'nginx.conf');
    fs.writeFileSync(conf, mainConfig(dir, sites));
    nginx = spawn(NGINX!, nginxArgs(dir, conf), { stdio: 'ignore' });
    const log = () => (fs.existsSync(path.join(dir, 'error.log')) ? fs.readFileSync(path.join(dir, 'error.log'), 'utf8') : '');
    for (const port of [ports.tls, ports.directTls, ports.deadTls, ports.http]) await waitForPort(port, nginx, log);
  });

  test.afterAll(async () => {
    if (nginx && nginx.exitCode === null) {
      const exited = new Promise((r) => nginx!.once('exit', r));
      nginx.kill('SIGQUIT');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (nginx.exitCode === null) nginx.kill('SIGKILL');
    }
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a survey page through TLS carries every security header once, HSTS included, and no version', async () => {
    const reply = await request(httpsUrl(ports.tls, `/s/${CODES.centre}`), { ca });
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('<form');
    const once: Record<string, string | RegExp> = {
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'content-security-policy': /'nonce-[A-Za-z0-9+/=]+'/,
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'strict-origin-when-cross-origin',
      'permissions-policy': /camera=\(\)/,
    };
    for (const [name, want] of Object.entries(once)) {
      expect(countHeader(reply, name), name).toBe(1);
      if (typeof want === 'string') expect(reply.headers[name]).toBe(want);
      else expect(reply.headers[name]).toMatch(want);
    }
    expect(reply.headers.server).toBe('nginx');
    expect(reply.headers['x-powered-by']).toBeUndefined();

    // HSTS comes from the app because nginx said the request came over HTTPS: asked directly, the app does not send it.
    const direct = await request(`http://127.0.0.1:${APP_PORT}/s/${CODES.centre}`);
    expect(direct.status).toBe(200);
    expect(direct.headers['strict-transport-security']).toBeUndefined();
  });

  test('plain HTTP redirects to HTTPS, except the ACME challenge', async () => {
    const reply = await request(`http://127.0.0.1:${ports.http}/s/${CODES.centre}?lang=en`);
    expect(reply.status).toBe(301);
    expect(reply.headers.location).toBe(`https://127.0.0.1/s/${CODES.centre}?lang=en`);
    const acme = await request(`http://127.0.0.1:${ports.http}/.well-known/acme-challenge/kiem-tra`);
    expect(acme.status).toBe(200);
    expect(acme.body).toBe('acme-token');
  });

  test('with TRUST_PROXY=1 the app records the address nginx saw, not what the client wrote', async () => {
    const prefix = `proxy-${Date.now()}`;
    const failFrom = async (localAddress: string, login: string) => {
      // What a client may write in X-Forwarded-For itself: nginx appends the real address after it.
      const forged = { 'x-forwarded-for': '203.0.113.9' };
      const csrf = await request(httpsUrl(ports.tls, '/api/auth/csrf'), { ca, localAddress, headers: forged });
      expect(csrf.status).toBe(200);
      const cookie = (csrf.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
      const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
      const body = new URLSearchParams({ csrfToken, login, password: 'sai-mat-khau', json: 'true' }).toString();
      const res = await request(httpsUrl(ports.tls, '/api/auth/callback/credentials'), {
        ca,
        localAddress,
        method: 'POST',
        body,
        headers: { ...forged, cookie, 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(body)) },
      });
      expect(res.status).toBeLessThan(500);
    };
    await failFrom('127.0.0.2', `${prefix}-a`);
    await failFrom('127.0.0.2', `${prefix}-b`);
    await failFrom('127.0.0.3', `${prefix}-c`);

    const db = await openSql();
    try {
      const rows = await db.all<{ login: string; h: string }>('select account_key as login, network_hash as h from sign_in_attempts where account_key like ? order by account_key', [
        `login:${prefix}-%`,
      ]);
      expect(rows.map((r) => r.login)).toEqual([`login:${prefix}-a`, `login:${prefix}-b`, `login:${prefix}-c`]);
      const [a, b, c] = rows.map((r) => r.h);
      expect(a).toBe(expectedNetworkHash(E2E_DB, '127.0.0.2'));
      expect(b).toBe(a);
      expect(c).toBe(expectedNetworkHash(E2E_DB, '127.0.0.3'));
      expect(a).not.toBe(expectedNetworkHash(E2E_DB, '203.0.113.9'));
      expect(a).not.toBe(expectedNetworkHash(E2E_DB, '127.0.0.1'));
    } finally {
      await db.close();
    }
  });

  test('with TRUST_PROXY=0 behind the same proxy, every client looks like the proxy itself', async () => {
    const login = `proxy0-${Date.now()}`;
    const csrf = await request(httpsUrl(ports.directTls, '/api/auth/csrf'), { ca, localAddress: '127.0.0.2' });
    const cookie = (csrf.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
    const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
    const body = new URLSearchParams({ csrfToken, login, password: 'sai-mat-khau', json: 'true' }).toString();
    await request(httpsUrl(ports.directTls, '/api/auth/callback/credentials'), {
      ca,
      localAddress: '127.0.0.2',
      method: 'POST',
      body,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(body)) },
    });
    const db = await openSql(DIRECT_DATABASE);
    try {
      const h = await db.value<string>('select network_hash from sign_in_attempts where account_key = ?', [`login:${login}`]);
      expect(h).toBe(expectedNetworkHash(DIRECT_DB, '127.0.0.1'));
    } finally {
      await db.close();
    }
  });

  test('a citizen opens the survey through the proxy; a post from an address other than PUBLIC_BASE_URL is refused', async ({ browser }) => {
    const context = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'vi-VN' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    const survey = new SurveyPage(page);
    await page.goto(httpsUrl(ports.tls, `/s/${CODES.centre}`));
    await expect(page.getByRole('heading', { level: 1, name: 'Đánh giá sự hài lòng' })).toBeVisible();
    await survey.rate(Q1, 'Rất hài lòng');
    await survey.rate(Q2, 'Hài lòng');
    // The e2e server's PUBLIC_BASE_URL is http://localhost:<port>, not this proxy's https address: the survey refuses
    // a post from another origin. In production PUBLIC_BASE_URL is the address nginx serves (deploy/README.md, step 4).
    await survey.submit();
    await expect(page.getByRole('alert')).toContainText('Yêu cầu này không được gửi từ trang của hệ thống');
    expect(page.url().startsWith(httpsUrl(ports.tls, '/s/'))).toBe(true);
    expect(errors.filter((e) => !/Failed to load resource.*(403|400)/.test(e))).toEqual([]);
    await context.close();
  });

  test('when the app is down, nginx answers with the Vietnamese maintenance page, accessible', async ({ browser }) => {
    const reply = await request(httpsUrl(ports.deadTls, `/s/${CODES.centre}`), { ca });
    expect(reply.status).toBe(502);
    expect(reply.body).toContain('Hệ thống đang bảo trì');
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(reply.headers['content-security-policy']).toContain("default-src 'none'");
    expect(reply.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');

    const context = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(httpsUrl(ports.deadTls, '/'));
    await expect(page.getByRole('heading', { level: 1, name: 'Hệ thống đang bảo trì' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await context.close();
  });
});
