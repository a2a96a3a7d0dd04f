/**
 * The ceiling for the survey submit path: a bare `node:http` server that does
 * the same database work as the app's createResponse() (db/queries/responses.ts)
 * with hand-prepared better-sqlite3 statements and nothing else: no framework,
 * no ORM, no rendering. Whatever the app loses against this is the price of
 * Next.js, drizzle and the app's own code per request.
 *
 * bench/submit/run.ts transpiles it to plain JavaScript and starts it with
 * CEILING_PORT, CEILING_DB (a migrated, seeded copy of the app's database) and
 * CEILING_TARGET (JSON: code, submitPath, unitId, counterId, questionSetVersionId, questionKeys).
 */
import { createHmac } from 'node:crypto';
import http from 'node:http';
import Database from 'better-sqlite3';

type Target = { code: string; submitPath: string; unitId: number; counterId: number | null; questionSetVersionId: number; questionKeys: string[] };

const port = Number(process.env.CEILING_PORT);
const target = JSON.parse(process.env.CEILING_TARGET ?? 'null') as Target;
if (!port || !process.env.CEILING_DB || !target) throw new Error('CEILING_PORT, CEILING_DB and CEILING_TARGET are required');

const db = new Database(process.env.CEILING_DB);
// The same settings as db/client.ts.
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('busy_timeout = 5000');
db.pragma('foreign_keys = ON');

const NETWORK_WINDOW_MS = 10 * 60_000;
const NETWORK_LIMIT = 120;
const NETWORK_BURST = 30;
const SALT = 'hai-long-bench-ceiling-salt';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

const findByClientId = db.prepare('select id from responses where client_id = ?');
const countNetwork = db.prepare(
  'select count(*) as total, coalesce(sum(unit_id = ?), 0) as sameTarget from responses where network_hash = ? and received_at > ?',
);
const insertResponse = db.prepare(
  `insert into responses (client_id, unit_id, counter_id, question_set_version_id, channel, submitted_at, received_at, lang,
     procedure_field_id, comment, receipt_code, device_hash, network_hash, flags, excluded, kiosk_id)
   values (?, ?, ?, ?, ?, ?, ?, ?, null, null, null, null, ?, ?, ?, null)`,
);
const insertAnswer = db.prepare('insert into answers (response_id, question_key, score, choice) values (?, ?, ?, null)');

type Submission = { clientId: string; lang: string; channel: string; scores: number[]; networkHash: string };

/** Mirrors the app's transaction: duplicate check, abuse count, response, answers. */
const store = db.transaction((s: Submission): 'created' | 'duplicate' | 'rejected' => {
  if (findByClientId.get(s.clientId)) return 'duplicate';
  const now = Date.now();
  const counts = countNetwork.get(target.unitId, s.networkHash, now - NETWORK_WINDOW_MS) as { total: number; sameTarget: number };
  if (counts.total >= NETWORK_LIMIT) return 'rejected';
  const flags = counts.sameTarget >= NETWORK_BURST ? 'network_burst' : null;
  const info = insertResponse.run(
    s.clientId, target.unitId, target.counterId, target.questionSetVersionId, s.channel, now, now, s.lang, s.networkHash, flags, flags ? 1 : 0,
  );
  target.questionKeys.forEach((key, i) => insertAnswer.run(info.lastInsertRowid, key, s.scores[i]));
  return 'created';
});

function parse(body: string, ip: string): Submission | null {
  const f = new URLSearchParams(body);
  const clientId = f.get('submissionId') ?? '';
  const lang = f.get('lang') === 'en' ? 'en' : 'vi';
  const channel = f.get('kenh') === 'web' ? 'web' : 'qr';
  if (!UUID.test(clientId)) return null;
  const scores = target.questionKeys.map((k) => Number(f.get(k)));
  if (scores.some((n) => !Number.isInteger(n) || n < 1 || n > 5)) return null;
  const networkHash = createHmac('sha256', SALT).update(`network:${ip}`).digest('hex').slice(0, 32);
  return { clientId, lang, channel, scores, networkHash };
}

const submitPath = target.submitPath;
const thanksPath = `/s/${target.code}/cam-on`;
const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/health') {
    res.end('ok');
    return;
  }
  if (req.method !== 'POST' || req.url !== submitPath) {
    res.statusCode = 404;
    res.end();
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const xff = String(req.headers['x-forwarded-for'] ?? '').split(',').pop()?.trim();
    const s = parse(Buffer.concat(chunks).toString('utf8'), xff || req.socket.remoteAddress || '');
    if (!s) {
      res.statusCode = 400;
      res.end();
      return;
    }
    const outcome = store.immediate(s);
    res.statusCode = outcome === 'rejected' ? 429 : 303;
    if (outcome !== 'rejected') res.setHeader('Location', thanksPath);
    res.end();
  });
});
server.keepAliveTimeout = 5_000;
server.listen(port, '127.0.0.1', () => console.log(`ceiling server on 127.0.0.1:${port}`));
for (const sig of ['SIGTERM', 'SIGINT'] as const) {
  process.on(sig, () => {
    server.close();
    db.close();
    process.exit(0);
  });
}
