/**
 * Gives an e2e server a fresh PostgreSQL database before `next start`
 * (playwright.config.ts, E2E_ENGINE=pg): drops and creates <name> on the
 * server of TEST_DATABASE_URL (an administrator URL). A lock timeout > 0 makes
 * statements that wait for another connection's lock give up as SQLite's
 * busy timeout does ("busy", 55P03). Plain JavaScript: it runs before anything
 * is compiled.
 *
 *   node e2e/pg-database.mjs <name> [lockTimeoutMs]
 */
import pg from 'pg';

const [name, lockTimeoutMs = '0'] = process.argv.slice(2);
if (!name || !/^[a-z_][a-z0-9_]*$/.test(name)) {
  console.error('usage: node e2e/pg-database.mjs <database name> [lockTimeoutMs]');
  process.exit(2);
}
const admin = process.env.TEST_DATABASE_URL;
if (!admin) {
  console.error('TEST_DATABASE_URL (an administrator URL of a throwaway PostgreSQL) is not set');
  process.exit(2);
}
const client = new pg.Client({ connectionString: admin });
try {
  await client.connect();
  await client.query(`drop database if exists ${name} with (force)`);
  await client.query(`create database ${name}`);
  if (Number(lockTimeoutMs) > 0) await client.query(`alter database ${name} set lock_timeout = ${Number(lockTimeoutMs)}`);
} catch (error) {
  console.error(`e2e: cannot make the database ${name}: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await client.end();
}
