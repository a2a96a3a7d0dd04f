/** What bench/officials/run.ts and its child process (measure.ts) share: names, and the shape of the child's JSON. */
import type { PeriodName } from '../dashboard/in-process';
import type { Stats } from '../dashboard/stats';

/** The demo assessor whose scope is the whole province (server/demo-accounts.ts): reads the figures in-process and signs in for the pages. */
export const ASSESSOR_LOGIN = 'thamdinh';

export type Step = { from: number; to: number; officialDaysMs: number; officialMonthsMs: number };

export type Setup = {
  migrateSeconds: number;
  officials: number;
  officesWithCounters: number;
  insertOfficialsSeconds: number;
  attributed: number;
  attributeSeconds: number;
  linkedComments: number;
  linkSeconds: number;
  rollupStep: number;
  steps: Step[];
  rollupSeconds: number;
  vacuumSeconds?: number;
  rows: { officialDays: number; officialMonths: number };
};

export type OfficialTarget = { id: number; name: string; office: string; responses365: number };
export type Targets = { busy: OfficialTarget; median: OfficialTarget; officials: number; provincePath: string };

export type Measurement = {
  what: string;
  scope: 'busy official' | 'median official';
  period: PeriodName;
  stats: Stats;
  cpu: Stats;
  serverCpuMs?: number;
  rows: number;
};

/** The reads the figures page makes (server/official-figures.ts), and its loader. */
export const DATA_READS = ['getOfficial', 'listOfficialLevelCounts', 'listOfficialLevelCountsByMonth', 'listOfficialComments'];
export const LOADERS = ['loadOfficialFiguresForStaff'];

