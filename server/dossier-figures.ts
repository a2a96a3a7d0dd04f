import { listOffices } from '@/db/queries/dashboard';
import { listDossierCounts } from '@/db/queries/dossier-figures';
import { getUnitInScope } from '@/db/queries/unit-tree';
import type { Viewer } from '@/lib/auth/roles';
import { dossierIndex, type DossierIndex } from '@/lib/dossier-rating';
import type { Period } from '@/lib/indicators/periods';

export type DossierIndexTable = {
  /** Over every office shown. */
  total: DossierIndex;
  /** Offices with dossiers returned in the period, in tree order. */
  offices: { id: number; name: string; index: DossierIndex }[];
};

/**
 * Decision 766's per-dossier index and the response rate (rated ÷ returned
 * dossiers) of each office in a unit's subtree (the viewer's whole scope
 * without `unitId`), over the dossiers returned in the period
 * (docs/decisions/027). Null when `unitId` is outside the viewer's scope.
 */
export async function loadDossierIndex(
  viewer: Pick<Viewer, 'scopePath'>,
  { period, unitId }: { period: Period; unitId?: number },
): Promise<DossierIndexTable | null> {
  let unitPath: string | undefined;
  if (unitId !== undefined) {
    const unit = await getUnitInScope({ viewer, unitId });
    if (!unit) return null;
    unitPath = unit.path;
  }
  const scope = { viewer, unitPath };
  const [counts, offices] = await Promise.all([listDossierCounts(scope, { start: period.start, end: period.end }), listOffices(scope)]);
  const byUnit = new Map(counts.map((c) => [c.unitId, c]));
  const sum = counts.reduce((t, c) => ({ returned: t.returned + c.returned, rated: t.rated + c.rated, notSatisfied: t.notSatisfied + c.notSatisfied }), {
    returned: 0,
    rated: 0,
    notSatisfied: 0,
  });
  return {
    total: dossierIndex(sum),
    offices: offices.filter((o) => byUnit.has(o.id)).map((o) => ({ id: o.id, name: o.name, index: dossierIndex(byUnit.get(o.id)!) })),
  };
}
