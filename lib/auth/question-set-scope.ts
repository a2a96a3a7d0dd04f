import { inScope, isRootScope, type Viewer } from './roles';

/**
 * Who may do what with a question set, given the path of the unit that owns
 * it (`ownerPath`; null for a set made before sets had owners, which belongs
 * to the root). A set applies to its owner's subtree, so:
 * - an administrator sees the sets owned inside their subtree and those owned
 *   above them (which their offices may use), never a neighbour's;
 * - only administrators whose subtree contains the owner change it (new
 *   versions, name); the others may copy it into a set of their own;
 * - which set is the default for the whole tree is the root's business, and
 *   only a set the root owns can be it;
 * - a set is assigned only to a unit of the administrator's subtree that lies
 *   in the set's owner's subtree (a ward's set never reaches the province).
 */
type ScopeViewer = Pick<Viewer, 'scopePath'>;

export function canViewQuestionSet(viewer: ScopeViewer, ownerPath: string | null): boolean {
  return ownerPath === null || inScope(viewer, ownerPath) || viewer.scopePath.startsWith(ownerPath);
}

export function canChangeQuestionSet(viewer: ScopeViewer, ownerPath: string | null): boolean {
  return ownerPath === null ? isRootScope(viewer) : inScope(viewer, ownerPath);
}

/**
 * Only a set owned by the root itself may be the default: a ward's set made
 * default would let the ward's administrators change every survey.
 */
export function canMakeQuestionSetDefault(viewer: ScopeViewer, ownerPath: string | null): boolean {
  return isRootScope(viewer) && (ownerPath === null || ownerPath === viewer.scopePath);
}

export function canAssignQuestionSet(viewer: ScopeViewer, { unitPath, ownerPath }: { unitPath: string; ownerPath: string | null }): boolean {
  return inScope(viewer, unitPath) && canViewQuestionSet(viewer, ownerPath) && (ownerPath === null || unitPath.startsWith(ownerPath));
}

/**
 * Whether a unit's ratings may be stored under a version of a set: the
 * default set, or a set owned at or above the unit (one that could be chosen
 * for it). A kiosk names the version it showed; a tablet may hold ratings of
 * a set the office used before, never one of a neighbour's set.
 */
export function canUnitUseQuestionSet({ unitPath, ownerPath, isDefault }: { unitPath: string; ownerPath: string | null; isDefault: boolean }): boolean {
  return isDefault || ownerPath === null || unitPath.startsWith(ownerPath);
}
