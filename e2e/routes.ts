import fs from 'node:fs';
import path from 'node:path';

/**
 * Every route the app serves, read from the file system (App Router pages and
 * route handlers, Pages Router pages), so that a new route cannot escape the
 * authorization matrix.
 */
export function listRoutes(root = process.cwd()): string[] {
  const routes = new Set<string>();
  walk(path.join(root, 'app'), (file) => {
    const rel = path.relative(path.join(root, 'app'), file);
    if (!/(^|\/)(page\.tsx|route\.ts)$/.test(rel)) return;
    const segments = path.dirname(rel).split(path.sep).filter((s) => s !== '.' && !/^\(.*\)$/.test(s));
    routes.add(`/${segments.join('/')}`);
  });
  walk(path.join(root, 'pages'), (file) => {
    const rel = path.relative(path.join(root, 'pages'), file).replace(/\.tsx$/, '');
    if (/(^|\/)_/.test(rel) || /^api\//.test(rel)) return;
    routes.add(`/${rel.replace(/(^|\/)index$/, '')}`.replace(/\/$/, '') || '/');
  });
  return [...routes].sort();
}

function walk(dir: string, visit: (file: string) => void) {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, visit);
    else visit(full);
  }
}
