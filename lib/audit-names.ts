/**
 * The names an audit entry's ids stand for (db/queries/audit.ts
 * listAuditNames reads them), and which ids a page of entries needs. Pure.
 */

export type AuditNames = {
  users: Map<number, string>;
  units: Map<number, string>;
  /** "Quầy 1 (Trung tâm …)". */
  counters: Map<number, string>;
  kiosks: Map<number, string>;
  questionSets: Map<number, string>;
  /** A period's name and its criteria's titles by key (for points listed by criterion). */
  periods: Map<number, { name: string; criteria: Map<string, string> }>;
  /** An evaluation sheet: the office it scores, in which period. */
  sheets: Map<number, { unitName: string; periodId: number }>;
};

export type AuditNameRefs = { [K in keyof AuditNames]?: Iterable<number> };

export const NO_NAMES: AuditNames = { users: new Map(), units: new Map(), counters: new Map(), kiosks: new Map(), questionSets: new Map(), periods: new Map(), sheets: new Map() };

/** Which kind of record each id-holding field of before/after names. */
export const ID_FIELDS: Record<string, keyof AuditNames> = {
  scopeUnitId: 'units',
  parentId: 'units',
  unitId: 'units',
  fromParentId: 'units',
  toParentId: 'units',
  counterId: 'counters',
  kioskId: 'kiosks',
  questionSetId: 'questionSets',
  copiedFromSetId: 'questionSets',
  previousDefaultSetId: 'questionSets',
  periodId: 'periods',
  repliedBy: 'users',
  acknowledgedBy: 'users',
  userId: 'users',
};

/** Which kind of record an entity type's id names. */
export const ENTITY_KINDS: Record<string, keyof AuditNames> = {
  user: 'users',
  unit: 'units',
  alert_rule: 'units',
  counter: 'counters',
  kiosk: 'kiosks',
  question_set: 'questionSets',
  evaluation_period: 'periods',
  evaluation: 'sheets',
};

const asId = (v: unknown): number | null => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^[1-9]\d{0,9}$/.test(v) ? Number(v) : NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : null;
};

/** The ids a page of entries mentions, by kind: each entity, and each id field of before and after. */
export function auditNameRefs(entries: readonly { entityType: string; entityId: string | null; before: unknown; after: unknown }[]): Required<{ [K in keyof AuditNames]: Set<number> }> {
  const refs = { users: new Set<number>(), units: new Set<number>(), counters: new Set<number>(), kiosks: new Set<number>(), questionSets: new Set<number>(), periods: new Set<number>(), sheets: new Set<number>() };
  for (const e of entries) {
    const kind = ENTITY_KINDS[e.entityType];
    const id = asId(e.entityId);
    if (kind && id) refs[kind].add(id);
    for (const side of [e.before, e.after]) {
      if (!side || typeof side !== 'object' || Array.isArray(side)) continue;
      for (const [key, value] of Object.entries(side)) {
        const k = ID_FIELDS[key];
        const v = asId(value);
        if (k && v) refs[k].add(v);
        // "copy:12": a period created from another's rubric.
        if (key === 'template' && typeof value === 'string') {
          const copied = asId(/^copy:(\d+)$/.exec(value)?.[1]);
          if (copied) refs.periods.add(copied);
        }
      }
    }
  }
  return refs;
}

/** Criterion key → title of a stored rubric (JSON text or object), leniently: an unreadable rubric gives none. */
export function criterionTitlesOf(rubric: unknown): Map<string, string> {
  const out = new Map<string, string>();
  let r: unknown = rubric;
  if (typeof r === 'string') {
    try {
      r = JSON.parse(r);
    } catch {
      return out;
    }
  }
  const groups = (r as { groups?: unknown })?.groups;
  if (!Array.isArray(groups)) return out;
  for (const g of groups) {
    const criteria = (g as { criteria?: unknown })?.criteria;
    if (!Array.isArray(criteria)) continue;
    for (const c of criteria) {
      const { key, title } = (c ?? {}) as { key?: unknown; title?: unknown };
      if (typeof key === 'string' && typeof title === 'string') out.set(key, title);
    }
  }
  return out;
}
