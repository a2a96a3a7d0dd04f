/**
 * The survey submit path without HTTP or Next.js: `loadSurvey` + `submitSurvey`
 * (server/survey.ts) called in a loop on a fresh seeded database file, with a
 * fake request. It isolates our own per-request cost (database layer, zod,
 * hashing) from the framework's, in a few seconds and without a build.
 *
 *   npx tsx bench/submit/hot-path.ts [--iterations 20000] [--counter]
 *
 * `--counter` posts to a counter's code instead of an office's: the rating
 * is attributed to the official on duty there (one more indexed lookup).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { randomInt, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseArgs } from 'node:util';

const { values: flags } = parseArgs({ options: { iterations: { type: 'string', default: '20000' }, counter: { type: 'boolean', default: false } } });
const N = Number(flags.iterations);

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hailong-hot-path-'));
Object.assign(process.env, { HAILONG_MODE: 'test', SEED_RESPONSES: '0', TRUST_PROXY: '1', DATABASE_PATH: path.join(work, 'app.db') });

async function main() {
  const { closeStore, withConn } = await import('@/db/store');
  const { seedDemoIfEmpty } = await import('@/db/seed');
  const { issueForm, loadSurvey, submitSurvey } = await import('@/server/survey');
  await seedDemoIfEmpty({ responses: 0, now: new Date() });
  const code = (await withConn((c) =>
    c.value<string>(
      flags.counter
        ? 'select k.code from counters k join units u on u.id = k.unit_id where k.active = true and u.active = true order by k.id limit 1'
        : 'select code from units where code is not null and active = true limit 1',
    ),
  ))!;
  if (flags.counter) {
    // Someone on duty at that counter all week, so every rating is attributed (the per-official rollups too).
    await withConn(async (c) => {
      const counter = (await c.get<{ id: number; unitId: number }>('select id, unit_id as "unitId" from counters where code = ?', [code]))!;
      const official = await c.value<number>(
        `insert into officials (unit_id, full_name, search_name, position, updated_at) values (?, 'Cán bộ đo', 'can bo do', '', ?) returning id`,
        [counter.unitId, Date.now()],
      );
      await c.run('delete from duty_templates where counter_id = ?', [counter.id]);
      for (let weekday = 1; weekday <= 7; weekday++) {
        await c.run(
          `insert into duty_templates (unit_id, counter_id, official_id, weekday, start_minute, end_minute, valid_from) values (?, ?, ?, ?, 0, 1440, '2000-01-01')`,
          [counter.unitId, counter.id, official, weekday],
        );
      }
    });
  }

  const fakeRequest = () => {
    const { submissionId, formToken } = issueForm(randomUUID(), null);
    const body = `submissionId=${submissionId}&formToken=${formToken}&lang=vi&kenh=qr&q1=${randomInt(1, 6)}&q2=${randomInt(1, 6)}`;
    const r = randomInt(0, 1 << 17);
    return Object.assign(Readable.from([Buffer.from(body)]), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(body.length), 'x-forwarded-for': `198.${18 + (r >> 16)}.${(r >> 8) & 255}.${r & 255}` },
      socket: { remoteAddress: '127.0.0.1' },
      cookies: {},
    }) as unknown as IncomingMessage;
  };
  const fakeResponse = { getHeader: () => undefined, setHeader: () => undefined } as unknown as ServerResponse;

  const once = async () => {
    const survey = await loadSurvey(code);
    if (!survey) throw new Error(`code ${code} did not load`);
    const outcome = await submitSurvey(fakeRequest(), fakeResponse, survey);
    if (outcome.kind !== 'stored') throw new Error(`not stored: ${JSON.stringify(outcome)}`);
  };

  for (let i = 0; i < Math.min(2000, N); i++) await once();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < N; i++) await once();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const stored = await withConn((c) => c.value<number>('select count(*) from responses'));
  const attributed = await withConn((c) => c.value<number>('select count(*) from responses where official_id is not null'));
  console.log(
    `${N} submissions: ${((ms * 1000) / N).toFixed(1)} µs wall, ${((cpu.user + cpu.system) / N).toFixed(1)} µs CPU each; ${stored} responses stored, ${attributed} attributed`,
  );
  await closeStore();
  fs.rmSync(work, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  fs.rmSync(work, { recursive: true, force: true });
  process.exit(1);
});
