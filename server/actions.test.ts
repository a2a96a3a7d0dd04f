import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Every server action in the app must be built with `authorizedAction`, which
 * checks the viewer, the permission and the whole form before any work. This
 * reads the action files themselves, so a new action cannot skip the check.
 */
function actionFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return actionFiles(full);
    return /\.(ts|tsx)$/.test(e.name) && /^\s*['"]use server['"]/m.test(fs.readFileSync(full, 'utf8')) ? [full] : [];
  });
}

const files = actionFiles(path.join(process.cwd(), 'app'));

describe('server actions', () => {
  it('exist (the check below is not vacuous)', () => expect(files.length).toBeGreaterThan(0));

  it.each(files.map((f) => [path.relative(process.cwd(), f)]))('%s exports only authorizedAction(...) actions', (file) => {
    const source = fs.readFileSync(file, 'utf8');
    const exports = [...source.matchAll(/^export\s+(async\s+function|function|const|let|var|default)\s*(\w*)/gm)];
    expect(exports.length).toBeGreaterThan(0);
    for (const [, kind, name] of exports) {
      expect(kind, `${name} in ${file}`).toBe('const');
      const decl = new RegExp(`export const ${name}\\s*=\\s*authorizedAction\\(`);
      expect(decl.test(source), `${name} in ${file} must be built with authorizedAction`).toBe(true);
    }
  });
});
