import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Viewer } from '@/lib/auth/roles';
import type { PublishedFigure } from '@/lib/publishing/publication';
import { goodExamples, publications, publishedFigures, units, users, type PublicationKind } from '../schema';
import { changesOf, withConn } from '../store';
import { createAuditEntry, type AuditEntryInput } from './audit';
import { inSubtree } from './unit-tree';

/**
 * Publications of results and good examples (docs/decisions/028). A
 * publication and its figures are written once and never changed (only
 * `withdrawn_at` is set), so the public side may cache them by id; the live
 * list (not withdrawn) is one small indexed read per request. Statements
 * only: who may publish and when is server/publishing.ts.
 */

export type PublicationRow = {
  id: number;
  unitId: number;
  provinceName: string;
  provincePath: string;
  kind: PublicationKind;
  periodKey: string;
  evaluationPeriodId: number | null;
  publishedAt: Date;
  withdrawnAt: Date | null;
  publishedByName: string | null;
};

const publicationFields = {
  id: publications.id,
  unitId: publications.unitId,
  provinceName: units.name,
  provincePath: units.path,
  kind: publications.kind,
  periodKey: publications.periodKey,
  evaluationPeriodId: publications.evaluationPeriodId,
  publishedAt: publications.publishedAt,
  withdrawnAt: publications.withdrawnAt,
  publishedByName: users.displayName,
};

/** Every publication not withdrawn, of every province: what the public pages may show (a handful of rows a year). */
export async function listLivePublications(): Promise<PublicationRow[]> {
  return withConn(({ db }) =>
    db
      .select(publicationFields)
      .from(publications)
      .innerJoin(units, eq(units.id, publications.unitId))
      .leftJoin(users, eq(users.id, publications.publishedBy))
      .where(isNull(publications.withdrawnAt))
      .orderBy(asc(publications.unitId), desc(publications.periodKey)),
  );
}

/** A province's publications, withdrawn ones included, newest first (the assessor's list). */
export async function listPublications({ provinceId }: { provinceId: number }): Promise<PublicationRow[]> {
  return withConn(({ db }) =>
    db
      .select(publicationFields)
      .from(publications)
      .innerJoin(units, eq(units.id, publications.unitId))
      .leftJoin(users, eq(users.id, publications.publishedBy))
      .where(eq(publications.unitId, provinceId))
      .orderBy(desc(publications.publishedAt), desc(publications.id)),
  );
}

/** The live publication of a province's period, if any. */
export async function getLivePublication({ provinceId, kind, periodKey }: { provinceId: number; kind: PublicationKind; periodKey: string }): Promise<{ id: number } | null> {
  return withConn(async ({ db }) => {
    const [row] = await db
      .select({ id: publications.id })
      .from(publications)
      .where(and(eq(publications.unitId, provinceId), eq(publications.kind, kind), eq(publications.periodKey, periodKey), isNull(publications.withdrawnAt)))
      .limit(1);
    return row ?? null;
  });
}

/** SQLite allows 32,766 bound values in a statement; 11 columns × 500 rows stays far below on both engines. */
const FIGURES_PER_INSERT = 500;

/** A publication and all its figures (call inside a transaction). */
export async function createPublication(input: {
  provinceId: number;
  kind: PublicationKind;
  periodKey: string;
  evaluationPeriodId: number | null;
  publishedBy: number;
  now: Date;
  figures: readonly PublishedFigure[];
}): Promise<number> {
  return withConn(async ({ db }) => {
    const [created] = await db
      .insert(publications)
      .values({ unitId: input.provinceId, kind: input.kind, periodKey: input.periodKey, evaluationPeriodId: input.evaluationPeriodId, publishedBy: input.publishedBy, publishedAt: input.now })
      .returning({ id: publications.id });
    const publicationId = created!.id;
    for (let i = 0; i < input.figures.length; i += FIGURES_PER_INSERT) {
      await db.insert(publishedFigures).values(
        input.figures.slice(i, i + FIGURES_PER_INSERT).map((f) => ({
          publicationId,
          unitId: f.unitId,
          name: f.name,
          code: f.code,
          respondents: f.respondents,
          satisfied: f.satisfied,
          lowX10000: f.lowX10000,
          highX10000: f.highX10000,
          rank: f.rank,
          totalX100: f.totalX100,
          finalClass: f.finalClass,
        })),
      );
    }
    return publicationId;
  });
}

/** Marks a live publication of the province withdrawn; false when there is none such (already withdrawn, another province's). */
export async function setPublicationWithdrawn({ publicationId, provinceId, now }: { publicationId: number; provinceId: number; now: Date }): Promise<boolean> {
  return withConn(async ({ db }) => {
    const result = await db
      .update(publications)
      .set({ withdrawnAt: now })
      .where(and(eq(publications.id, publicationId), eq(publications.unitId, provinceId), isNull(publications.withdrawnAt)));
    return changesOf(result) === 1;
  });
}

export async function getPublication({ publicationId }: { publicationId: number }): Promise<PublicationRow | null> {
  return withConn(async ({ db }) => {
    const [row] = await db
      .select(publicationFields)
      .from(publications)
      .innerJoin(units, eq(units.id, publications.unitId))
      .leftJoin(users, eq(users.id, publications.publishedBy))
      .where(eq(publications.id, publicationId))
      .limit(1);
    return row ?? null;
  });
}

/** Every frozen figure of a publication (the province's own row included). */
export async function listPublishedFigures({ publicationId }: { publicationId: number }): Promise<PublishedFigure[]> {
  return withConn(({ db }) =>
    db
      .select({
        unitId: publishedFigures.unitId,
        name: publishedFigures.name,
        code: publishedFigures.code,
        respondents: publishedFigures.respondents,
        satisfied: publishedFigures.satisfied,
        lowX10000: publishedFigures.lowX10000,
        highX10000: publishedFigures.highX10000,
        rank: publishedFigures.rank,
        totalX100: publishedFigures.totalX100,
        finalClass: publishedFigures.finalClass,
      })
      .from(publishedFigures)
      .where(eq(publishedFigures.publicationId, publicationId)),
  );
}

export async function createPublishingAuditEntry(e: AuditEntryInput) {
  await createAuditEntry(e);
}

// ---------------------------------------------------------------------------
// Good examples

export type GoodExampleRow = {
  id: number;
  unitId: number;
  unitName: string;
  title: string;
  body: string;
  periodLabel: string;
  published: boolean;
  hasPhoto: boolean;
  updatedAt: Date;
};

const exampleFields = {
  id: goodExamples.id,
  unitId: goodExamples.unitId,
  unitName: units.name,
  title: goodExamples.title,
  body: goodExamples.body,
  periodLabel: goodExamples.periodLabel,
  published: goodExamples.published,
  hasPhoto: sql<number>`case when ${goodExamples.photo} is null then 0 else 1 end`.mapWith((v) => Number(v) === 1),
  updatedAt: goodExamples.updatedAt,
};

/** The good examples of offices in a subtree (the assessor's list), newest first. */
export async function listGoodExamples({ path }: { path: string }): Promise<GoodExampleRow[]> {
  return withConn(({ db }) =>
    db
      .select(exampleFields)
      .from(goodExamples)
      .innerJoin(units, eq(units.id, goodExamples.unitId))
      .where(inSubtree(path))
      .orderBy(desc(goodExamples.updatedAt), desc(goodExamples.id)),
  );
}

/** The published good examples of a province, newest first: what the public page shows. */
export async function listPublishedGoodExamples({ provincePath }: { provincePath: string }): Promise<GoodExampleRow[]> {
  return withConn(({ db }) =>
    db
      .select(exampleFields)
      .from(goodExamples)
      .innerJoin(units, eq(units.id, goodExamples.unitId))
      .where(and(eq(goodExamples.published, true), inSubtree(provincePath)))
      .orderBy(desc(goodExamples.updatedAt), desc(goodExamples.id)),
  );
}

/** One good example of an office in the viewer's subtree, or null. */
export async function getGoodExample({ viewer, exampleId }: { viewer: Pick<Viewer, 'scopePath'>; exampleId: number }): Promise<GoodExampleRow | null> {
  return withConn(async ({ db }) => {
    const [row] = await db
      .select(exampleFields)
      .from(goodExamples)
      .innerJoin(units, eq(units.id, goodExamples.unitId))
      .where(and(eq(goodExamples.id, exampleId), inSubtree(viewer.scopePath)))
      .limit(1);
    return row ?? null;
  });
}

export async function createGoodExample(input: { unitId: number; title: string; body: string; periodLabel: string; published: boolean; createdBy: number; now: Date }): Promise<number> {
  return withConn(async ({ db }) => {
    const [row] = await db
      .insert(goodExamples)
      .values({ unitId: input.unitId, title: input.title, body: input.body, periodLabel: input.periodLabel, published: input.published, createdBy: input.createdBy, createdAt: input.now, updatedAt: input.now })
      .returning({ id: goodExamples.id });
    return row!.id;
  });
}

export async function updateGoodExample(input: { exampleId: number; unitId: number; title: string; body: string; periodLabel: string; published: boolean; now: Date }) {
  await withConn(({ db }) =>
    db
      .update(goodExamples)
      .set({ unitId: input.unitId, title: input.title, body: input.body, periodLabel: input.periodLabel, published: input.published, updatedAt: input.now })
      .where(eq(goodExamples.id, input.exampleId)),
  );
}

export async function setGoodExamplePublished({ exampleId, published, now }: { exampleId: number; published: boolean; now: Date }) {
  await withConn(({ db }) => db.update(goodExamples).set({ published, updatedAt: now }).where(eq(goodExamples.id, exampleId)));
}

export async function setGoodExamplePhoto({ exampleId, photo, now }: { exampleId: number; photo: { mime: string; bytes: Buffer } | null; now: Date }) {
  await withConn(({ db }) =>
    db
      .update(goodExamples)
      .set({ photoMime: photo?.mime ?? null, photo: photo?.bytes ?? null, updatedAt: now })
      .where(eq(goodExamples.id, exampleId)),
  );
}

export async function deleteGoodExample({ exampleId }: { exampleId: number }) {
  await withConn(({ db }) => db.delete(goodExamples).where(eq(goodExamples.id, exampleId)));
}

/** A published good example's photo; null when the example is not published or has none. */
export async function getPublishedGoodExamplePhoto({ exampleId }: { exampleId: number }): Promise<{ mime: string; bytes: Buffer; updatedAt: Date } | null> {
  return withConn(async ({ db }) => {
    const [row] = await db
      .select({ mime: goodExamples.photoMime, bytes: goodExamples.photo, updatedAt: goodExamples.updatedAt })
      .from(goodExamples)
      .where(and(eq(goodExamples.id, exampleId), eq(goodExamples.published, true)))
      .limit(1);
    return row?.mime && row.bytes ? { mime: row.mime, bytes: Buffer.from(row.bytes), updatedAt: row.updatedAt } : null;
  });
}
