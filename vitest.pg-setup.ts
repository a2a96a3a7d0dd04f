import { adminQuery, withDatabase } from './db/test-engines';
import { openPgStore } from './db/engine/pg';

/**
 * Global setup of the PostgreSQL project: one migrated template database per
 * run, which each test copies (CREATE DATABASE … TEMPLATE, a file copy).
 * TEST_DATABASE_URL comes from scripts/with-test-postgres.ts (or the person
 * running the tests); without it the run stops with one line saying what to do.
 */
export default async function setup() {
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) {
    throw new Error('TEST_DATABASE_URL is not set: run the tests with `npm test` or `tsx scripts/with-test-postgres.ts npm run test:unit` (needs PostgreSQL 15+: apt-get install -y postgresql).');
  }
  const template = `hl_template_${process.pid}`;
  await adminQuery(admin, `drop database if exists ${template} with (force)`);
  await adminQuery(admin, `create database ${template}`);
  const store = await openPgStore(withDatabase(admin, template), { poolSize: 1 });
  await store.close();
  process.env.HAILONG_PG_TEMPLATE = template;
  return async () => {
    await adminQuery(admin, `drop database if exists ${template} with (force)`);
  };
}
