import { engineKind } from '@/db/engine/kind';
import { readOrCreateLocalSecrets } from '@/db/local-secrets';
import { scanAlerts } from './alerts';
import { seedDemoIfEmpty, seedDemoRecognitionIfNone } from '@/db/seed';
import { seedDemoIntegrityReportsIfNone } from '@/db/queries/integrity';
import { seedDemoEvaluationIfNone } from '@/db/seed-evaluation';
import { getStore, reportStoreNoticesTo } from '@/db/store';
import { parseEnv } from '@/lib/env';
import { postgresStartFailure } from '@/lib/start-failure';
import { ensureDefaults } from './defaults';
import { seedDemoAccountsIfNone } from './demo-accounts';
import { seedDemoOfficialsIfNone } from './demo-officials';
import { startAppScheduler } from './jobs';
import { logger } from './log';

/**
 * Start-up of a server process; a bad configuration or an unreachable
 * database stops it with a message saying what to fix. Those two messages
 * stay plain Vietnamese sentences on standard error (the process exits; they
 * are what the operator reads in `systemctl status`); everything else goes
 * to the JSON log (server/log.ts).
 */
export async function startUp() {
  // Outside production, secrets nobody configured are the installation's own, kept beside the database.
  let parsed: ReturnType<typeof parseEnv>;
  try {
    parsed = parseEnv(process.env, readOrCreateLocalSecrets);
  } catch (err) {
    parsed = { ok: false, problems: [err instanceof Error ? err.message : String(err)] };
  }
  if (!parsed.ok) {
    console.error(`\nHài Lòng không khởi động được — cấu hình không hợp lệ:\n  - ${parsed.problems.join('\n  - ')}\n`);
    process.exit(1);
  }
  const { env } = parsed;
  reportStoreNoticesTo({ info: (m) => logger().info(m), warn: (m, err) => logger().warn({ err }, m) });
  // next-auth reads its own variables; derive them from ours so there is one place to configure.
  process.env.NEXTAUTH_URL ??= env.PUBLIC_BASE_URL;
  process.env.NEXTAUTH_SECRET ??= env.AUTH_SECRET;
  await openDatabase(env.DATABASE_URL);
  if (env.HAILONG_MODE === 'demo' || env.HAILONG_MODE === 'test') {
    const seeded = await seedDemoIfEmpty({ responses: env.SEED_RESPONSES, now: new Date() });
    if (seeded) {
      logger().info({ units: seeded.units, responses: seeded.responses }, `Đã tạo dữ liệu mẫu: ${seeded.units} đơn vị, ${seeded.responses} lượt đánh giá.`);
      // The seeder writes ratings in bulk, past the submit path that raises alerts.
      await scanAlerts({ since: new Date(Date.now() - 30 * 86_400_000) });
    }
    const accounts = await seedDemoAccountsIfNone();
    if (accounts) logger().info(`Đã tạo ${accounts} tài khoản mẫu (mật khẩu trong README).`);
    if (await seedDemoEvaluationIfNone({ now: new Date() })) logger().info('Đã tạo một đợt đánh giá mẫu.');
    const officials = await seedDemoOfficialsIfNone();
    if (officials) logger().info(`Đã tạo ${officials} cán bộ mẫu.`);
    // After the officials' demo seed; demo mode only (the test mode's evaluation specs expect the demo period untouched).
    if (env.HAILONG_MODE === 'demo' && (await seedDemoRecognitionIfNone({ now: new Date() }))) logger().info('Đã tạo một đợt khen thưởng mẫu.');
    const reports = env.HAILONG_MODE === 'demo' ? await seedDemoIntegrityReportsIfNone({ since: new Date(Date.now() - 90 * 86_400_000) }) : 0;
    if (reports) logger().info(`Đã tạo ${reports} phản ánh liêm chính mẫu (từ các câu trả lời “Có” ở Q9).`);
  }
  // Every mode, after the demo seed (which writes the default set already marked): docs/decisions/028.
  for (const line of await ensureDefaults()) logger().info(line);
  // Last, after the demo seed: the e-mail jobs mail only what happens from now on. Retention runs at
  // the first tick, then daily (server/jobs.ts), on one server at a time.
  await startAppScheduler();
}

/**
 * Opens the store, which migrates it (on PostgreSQL once, whichever of
 * several servers starting together gets there first: db/engine/pg.ts). A
 * PostgreSQL that cannot be reached or entered stops the process with the
 * address and what to check, not a stack trace: no page could work anyway,
 * and the service manager's log is where the operator looks.
 */
async function openDatabase(url: string | undefined) {
  try {
    await getStore();
  } catch (error) {
    if (error instanceof Error && error.name === 'NewerDatabaseError') {
      console.error(`\n${error.message}\n`);
      process.exit(1);
    }
    const message = engineKind() === 'pg' && url ? postgresStartFailure(error, url) : null;
    if (!message) throw error;
    console.error(message);
    process.exit(1);
  }
}
