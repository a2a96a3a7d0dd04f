import { createAuditEntry } from '@/db/queries/audit';
import { insertDossiers, listDossiersByCode, listOfficeTargets, updateDossiers, type DossierView, type NewDossier, type OfficeTarget, type StoredDossier } from '@/db/queries/dossiers';
import { transaction } from '@/db/store';
import { makeDossierToken } from '@/lib/dossier-token';
import { getEnv } from '@/lib/env';
import { deriveKey } from '@/lib/survey/form-token';
import type { DossierField, DossierInput } from '@/lib/validation/dossier';

/**
 * Registering dossiers (issue 17, docs/decisions/027): one use case for the
 * API (one dossier a call) and a head's CSV (thousands at once), so both
 * follow the same rules:
 * - the office (or counter) code must name an active office in the
 *   registrar's subtree (a key's unit, a head's scope); otherwise it is
 *   "unknown", whether it exists elsewhere or not;
 * - a code is unique across the platform: registering it again updates its
 *   procedure, times and counter and keeps its link; a code held by a
 *   dossier outside the registrar's subtree, or of another office, is a
 *   conflict and nothing about that dossier is changed or shown.
 * Everything happens in one transaction. `mode`: 'all_or_nothing' stores
 * nothing when any dossier has a problem; 'valid_only' stores the others;
 * 'check' only reports the problems (a CSV whose rows already failed the
 * file check, so that the head sees every problem at once).
 */

export type Registrar =
  | { kind: 'integration'; integrationId: number; scopePath: string }
  | { kind: 'user'; userId: number; scopePath: string; scopeUnitId: number };

export type RegistrationProblemKind = 'unknown_office' | 'code_elsewhere' | 'other_office';

/** A dossier that cannot be stored: its index in the input and why (a Vietnamese message). */
export type RegistrationProblem = { index: number; code: string; kind: RegistrationProblemKind; field: DossierField; message: string };

/** A stored dossier, with the view the API answers with (as a read would give it, without the read). */
export type Registered = { index: number; id: number; code: string; token: string; unitId: number; created: boolean; view: DossierView };

export type RegistrationResult = {
  problems: RegistrationProblem[];
  /** Empty when there were problems and the valid dossiers were not to be stored. */
  stored: Registered[];
  /** The instant every stored row was written with (`updated_at`): an import's rows are found by it. */
  at: Date;
};

const MESSAGES: Record<RegistrationProblemKind, (code: string) => string> = {
  unknown_office: (code) => `Không có đơn vị hoặc quầy đang hoạt động nào mang mã ${code} trong phạm vi được phép.`,
  code_elsewhere: (code) => `Mã hồ sơ ${code} đã được đăng ký cho một đơn vị ngoài phạm vi được phép; không thể đăng ký lại.`,
  other_office: (code) => `Mã hồ sơ ${code} đã được đăng ký cho một đơn vị khác; một hồ sơ không đổi đơn vị tiếp nhận.`,
};

/** The signing key of dossier links, from this installation's AUTH_SECRET. */
export function dossierTokenKey(): string {
  return deriveKey(getEnv().AUTH_SECRET, 'dossier-link');
}

export type RegistrationMode = 'all_or_nothing' | 'valid_only' | 'check';

export async function registerDossiers({
  registrar,
  dossiers,
  mode = 'all_or_nothing',
  now = new Date(),
}: {
  registrar: Registrar;
  dossiers: readonly DossierInput[];
  mode?: RegistrationMode;
  now?: Date;
}): Promise<RegistrationResult> {
  const key = dossierTokenKey();
  const inScope = (path: string) => path.startsWith(registrar.scopePath);
  try {
    return await registerInTransaction();
  } catch (error) {
    if (error instanceof UndoneByRace) return error.result;
    throw error;
  }

  function registerInTransaction() {
    return transaction(async (): Promise<RegistrationResult> => {
      const targets = await listOfficeTargets({ codes: dossiers.map((d) => d.officeCode) });
      const known = await listDossiersByCode({ codes: dossiers.map((d) => d.code) });

      const problems: RegistrationProblem[] = [];
      const fresh: { index: number; row: NewDossier; target: OfficeTarget }[] = [];
      const again: { index: number; d: DossierInput; stored: StoredDossier; target: OfficeTarget }[] = [];
      const problem = (index: number, d: DossierInput, kind: RegistrationProblemKind) =>
        problems.push({ index, code: d.code, kind, field: kind === 'unknown_office' ? 'officeCode' : 'code', message: MESSAGES[kind](kind === 'unknown_office' ? d.officeCode : d.code) });

      dossiers.forEach((d, index) => {
        const target = targets.get(d.officeCode);
        if (!target || !inScope(target.unitPath)) return problem(index, d, 'unknown_office');
        const stored = known.get(d.code);
        if (stored && !inScope(stored.unitPath)) return problem(index, d, 'code_elsewhere');
        if (stored && stored.unitId !== target.unitId) return problem(index, d, 'other_office');
        if (stored) return again.push({ index, d, stored, target });
        fresh.push({
          index,
          target,
          row: {
            code: d.code,
            unitId: target.unitId,
            counterId: target.counterId,
            procedure: d.procedure,
            receivedAt: d.receivedAt,
            dueAt: d.dueAt,
            returnedAt: d.returnedAt,
            token: makeDossierToken(key),
            source: registrar.kind === 'integration' ? 'api' : 'csv',
            integrationId: registrar.kind === 'integration' ? registrar.integrationId : null,
            createdBy: registrar.kind === 'user' ? registrar.userId : null,
          },
        });
      });
      if (mode === 'check' || (problems.length && mode === 'all_or_nothing')) return { problems, stored: [], at: now };

      const stored: Registered[] = [];
      const inserted = await insertDossiers({ rows: fresh.map((f) => f.row), now });
      const raced = fresh.filter((f) => !inserted.has(f.row.code));
      for (const f of fresh) {
        const id = inserted.get(f.row.code);
        if (id === undefined) continue;
        const view = viewOf(f.target, { ...f.row, id, createdAt: now }, now);
        stored.push({ index: f.index, id, code: f.row.code, token: f.row.token, unitId: f.row.unitId, created: true, view });
      }
      // A code another transaction stored between our read and our insert (a dossier system retrying at once): now it is known.
      if (raced.length) {
        const byCode = await listDossiersByCode({ codes: raced.map((f) => f.row.code) });
        for (const f of raced) {
          const s = byCode.get(f.row.code)!;
          const d = dossiers[f.index]!;
          if (!inScope(s.unitPath)) problem(f.index, d, 'code_elsewhere');
          else if (s.unitId !== f.row.unitId) problem(f.index, d, 'other_office');
          else again.push({ index: f.index, d, stored: s, target: f.target });
        }
        // All or nothing still: what this transaction inserted is undone (a savepoint inside a caller's transaction).
        if (problems.length && mode === 'all_or_nothing') throw new UndoneByRace({ problems: problems.sort((a, b) => a.index - b.index), stored: [], at: now });
      }
      await updateDossiers({
        rows: again.map(({ d, stored: s, target }) => ({ id: s.id, counterId: target.counterId, procedure: d.procedure, receivedAt: d.receivedAt, dueAt: d.dueAt, returnedAt: d.returnedAt })),
        now,
      });
      for (const { index, d, stored: s, target } of again) {
        const view = viewOf(target, { ...s, procedure: d.procedure, receivedAt: d.receivedAt, dueAt: d.dueAt, returnedAt: d.returnedAt }, now);
        stored.push({ index, id: s.id, code: s.code, token: s.token, unitId: s.unitId, created: false, view });
      }
      stored.sort((a, b) => a.index - b.index);
      problems.sort((a, b) => a.index - b.index);
      return { problems, stored, at: now };
    });
  }
}

/** The dossier as stored by this registration: its office and counter as the code named them, written at `now`. */
function viewOf(
  target: OfficeTarget,
  d: Pick<DossierView, 'id' | 'code' | 'procedure' | 'receivedAt' | 'dueAt' | 'returnedAt' | 'token' | 'source' | 'createdAt'>,
  now: Date,
): DossierView {
  const { id, code, procedure, receivedAt, dueAt, returnedAt, token, source, createdAt } = d;
  const { unitId, unitPath, officeName, officeCode, counterName } = target;
  return { id, code, unitId, unitPath, officeName, officeCode, counterName, procedure, receivedAt, dueAt, returnedAt, token, source, createdAt, updatedAt: now };
}

class UndoneByRace extends Error {
  constructor(readonly result: RegistrationResult) {
    super('registration undone: a code was registered elsewhere meanwhile');
  }
}

/**
 * One dossier from the API, audited in the same transaction as
 * `api.dossier.register` (the key as actor, the dossier's office as unit).
 */
export async function registerDossierByApi({ integrationId, scopePath, dossier, now = new Date() }: { integrationId: number; scopePath: string; dossier: DossierInput; now?: Date }) {
  return transaction(async () => {
    const result = await registerDossiers({ registrar: { kind: 'integration', integrationId, scopePath }, dossiers: [dossier], now });
    const done = result.stored[0];
    await createAuditEntry({
      at: now,
      actorId: null,
      integrationId,
      action: 'api.dossier.register',
      entityType: 'dossier',
      entityId: done?.id ?? null,
      unitId: done ? done.unitId : null,
      after: done
        ? { code: dossier.code, created: done.created, procedure: dossier.procedure, receivedAt: dossier.receivedAt, dueAt: dossier.dueAt, returnedAt: dossier.returnedAt }
        : { code: dossier.code, refused: result.problems[0]?.kind },
    });
    return result;
  });
}

export type ImportOutcome = RegistrationResult & { created: number; updated: number };

/**
 * A head's CSV (issue 17 point 2): the rows the file check let through,
 * stored with the same rules as the API. Audited once per import
 * (`dossier.import`, counts only), whatever was stored.
 */
export async function importDossiers({
  viewer,
  rows,
  mode,
  fileName,
  now = new Date(),
}: {
  viewer: { userId: number; scopePath: string; scopeUnitId: number };
  rows: readonly DossierInput[];
  mode: RegistrationMode;
  fileName: string;
  now?: Date;
}): Promise<ImportOutcome> {
  return transaction(async () => {
    const result = await registerDossiers({ registrar: { kind: 'user', ...viewer }, dossiers: rows, mode, now });
    const created = result.stored.filter((s) => s.created).length;
    if (result.stored.length) {
      await createAuditEntry({
        at: now,
        actorId: viewer.userId,
        action: 'dossier.import',
        entityType: 'unit',
        entityId: viewer.scopeUnitId,
        after: { fileName, rows: rows.length, created, updated: result.stored.length - created, refused: result.problems.length },
      });
    }
    return { ...result, created, updated: result.stored.length - created };
  });
}
