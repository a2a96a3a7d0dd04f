import Database from 'better-sqlite3';
import { E2E_DB } from '../playwright.config';

/**
 * Read-only access to the e2e server's own SQLite file, to check what a
 * citizen's action really stored (WAL lets us read while the server writes).
 */
export function openTestDb() {
  const db = new Database(E2E_DB, { readonly: true, fileMustExist: true });
  return {
    countResponses(): number {
      return (db.prepare('select count(*) as n from responses').get() as { n: number }).n;
    },
    responseByClientId(clientId: string) {
      return db.prepare('select * from responses where client_id = ?').get(clientId) as
        | { id: number; unit_id: number; counter_id: number | null; channel: string; comment: string | null; receipt_code: string | null; flags: string | null; excluded: number; lang: string; device_hash: string | null; network_hash: string | null }
        | undefined;
    },
    responsesByClientId(clientId: string): number {
      return (db.prepare('select count(*) as n from responses where client_id = ?').get(clientId) as { n: number }).n;
    },
    answersOf(responseId: number) {
      return db.prepare('select question_key as questionKey, score, choice from answers where response_id = ? order by id').all(responseId) as {
        questionKey: string;
        score: number | null;
        choice: string | null;
      }[];
    },
    contactOf(responseId: number) {
      return db.prepare('select phone, consent_version as consentVersion from contacts where response_id = ?').get(responseId) as
        | { phone: string; consentVersion: string }
        | undefined;
    },
    unitByCode(code: string) {
      return db.prepare('select id, name from units where code = ?').get(code) as { id: number; name: string } | undefined;
    },
    counterByCode(code: string) {
      return db.prepare('select id, unit_id as unitId, name from counters where code = ?').get(code) as { id: number; unitId: number; name: string } | undefined;
    },
    userIdByUsername(username: string): number {
      return (db.prepare('select id from users where username = ?').get(username) as { id: number }).id;
    },
    unitIdByName(name: string): number {
      return (db.prepare('select id from units where name = ? order by id').get(name) as { id: number }).id;
    },
    anyEvaluationPeriodId(): number {
      return (db.prepare('select id from evaluation_periods order by id').get() as { id: number }).id;
    },
    anyQuestionSetId(): number {
      return (db.prepare('select id from question_sets order by id').get() as { id: number }).id;
    },
    firstCodeUnder(unitId: number): string {
      return (db.prepare("select code from units where id = ? and code is not null").get(unitId) as { code: string }).code;
    },
    auditActions(entityType: string, entityId: number) {
      return db.prepare('select action, before, after from audit_log where entity_type = ? and entity_id = ? order by id').all(entityType, String(entityId)) as {
        action: string;
        before: string | null;
        after: string | null;
      }[];
    },
    close: () => db.close(),
  };
}
export type TestDb = ReturnType<typeof openTestDb>;
