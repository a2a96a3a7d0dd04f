import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

// Imports flow one way (conventions.md rule 1): app → components → lib, app → db → lib.
const noDb = { group: ['@/db/*', '@/db', '../db/*', '../../db/*'], message: 'components/ and lib/ never import db/: pass data in.' };
const noServer = { group: ['@/server/*', '@/app/*'], message: 'lib/ and components/ do not reach into server glue or routes.' };

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores(['.next/**', 'node_modules/**', 'next-env.d.ts', 'e2e/.data/**', 'test-results/**', 'playwright-report/**', 'db/migrations/**', 'public/**', 'bench/results/**']),
  {
    files: ['lib/**/*.ts', 'components/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noDb, noServer] }] },
  },
  {
    files: ['db/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['@/app/*', '@/components/*', '@/server/*'], message: 'db/ depends only on lib/.' }] }] },
  },
  {
    // The storage boundary (docs/decisions/017): pages, routes, actions and server glue call db/'s async functions, never a driver.
    files: ['app/**/*.{ts,tsx}', 'pages/**/*.{ts,tsx}', 'server/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['better-sqlite3', 'pg', 'pg-cursor'].map((name) => ({ name, message: 'Only db/engine/ talks to a database driver.' })),
          patterns: [{ group: ['@/db/engine/sqlite', '@/db/engine/pg'], message: 'Use the functions of db/queries (or db/store.ts), not an engine.' }],
        },
      ],
    },
  },
  {
    // Queries are awaited on both engines: the SQLite driver's synchronous terminals do not exist on PostgreSQL.
    files: ['db/**/*.ts'],
    ignores: ['db/engine/**', '**/*.test.ts', 'db/test-engines.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[arguments.length=0] > MemberExpression.callee[property.name=/^(all|get|run)$/]", message: 'Await the query instead (SQLite-only synchronous terminal).' },
        { selector: "MemberExpression[property.name='$client']", message: 'No driver handle outside db/engine/.' },
        { selector: "CallExpression > MemberExpression.callee[property.name='prepare']", message: 'Raw SQL goes through conn.all/get/value/run, prepared once per connection by the engine.' },
      ],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error', 'log'] }],
    },
  },
  {
    // Playwright fixtures call their callback `use`, which is not React's hook.
    files: ['e2e/**/*.ts'],
    rules: { 'react-hooks/rules-of-hooks': 'off', 'no-empty-pattern': 'off' },
  },
  {
    // The survey is a Pages Router page rendered without Next's client runtime: plain <a> and <script> are intended.
    files: ['pages/**/*.tsx', 'components/survey/**/*.tsx'],
    rules: { '@next/next/no-html-link-for-pages': 'off', '@next/next/no-sync-scripts': 'off', '@next/next/no-css-tags': 'off' },
  },
]);
