import { describe, expect, it } from 'vitest';
import { can, inScope, PERMISSIONS, ROLES, type Permission, type Role } from './roles';

const allowed: Record<Role, Permission[]> = {
  admin: [
    'units.manage',
    'users.manage',
    'questionSets.manage',
    'audit.read',
    'posters.print',
    'dashboard.read',
    'kiosks.manage',
    'alerts.manage',
    'evaluation.manage',
    'contacts.erase',
    'officials.manage',
    'integrations.manage',
    'organisations.manage',
  ],
  assessor: [
    'dashboard.read',
    'contacts.read',
    'evaluation.review',
    'posters.print',
    'officials.figures',
    'recognition.manage',
    'publishing.manage',
    'supervision.read',
  ],
  office_head: [
    'dashboard.read',
    'comments.reply',
    'contacts.read',
    'posters.print',
    'kiosks.manage',
    'evaluation.selfAssess',
    'alerts.manage',
    'alerts.acknowledge',
    'contacts.erase',
    'officials.manage',
    'duty.manage',
    'officials.figures',
    'recognition.nominate',
    'dossiers.manage',
    'supervision.read',
    'recommendations.answer',
    'integrity.read',
  ],
  supervisor: ['dashboard.read', 'supervision.read', 'supervision.record', 'integrity.read', 'integrity.close'],
  official: ['officials.ownFigures'],
};

describe('can', () => {
  for (const role of ROLES) {
    it.each(PERMISSIONS.map((p) => [p, allowed[role].includes(p)] as const))(`${role} × %s → %s`, (permission, want) => {
      expect(can(role, permission)).toBe(want);
    });
  }

  it('never lets a supervisor see contact data', () => expect(can('supervisor', 'contacts.read')).toBe(false));
  it('never shows individual figures to a supervisor (domain.md §7)', () => {
    expect(can('supervisor', 'officials.figures')).toBe(false);
    expect(can('supervisor', 'officials.ownFigures')).toBe(false);
  });
  it("gives an official's own account nothing of the office's", () =>
    expect(PERMISSIONS.filter((p) => can('official', p))).toEqual(['officials.ownFigures']));
});

describe('inScope', () => {
  it.each([
    ['/1/', '/1/', true],
    ['/1/', '/1/4/9/', true],
    ['/1/4/', '/1/4/9/', true],
    ['/1/4/', '/1/40/', false],
    ['/1/4/', '/1/', false],
    ['/2/', '/1/4/', false],
  ])('scope %s sees %s → %s', (scopePath, unitPath, want) => expect(inScope({ scopePath }, unitPath)).toBe(want));
});
