import fs from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pct, printTable } from '../lib/table';
import { round, type LoadFigures } from './load';

/** A V8 .cpuprofile as written by `node --cpu-prof`. */
type CpuProfile = {
  nodes: { id: number; callFrame: CallFrame; children?: number[] }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
};
type CallFrame = { functionName: string; url: string; lineNumber: number; columnNumber: number };

export const BUCKETS = ['database', 'framework', 'node internals', 'app + other libraries', 'V8 / unattributed'] as const;
export type Bucket = (typeof BUCKETS)[number];

export type ProfileBreakdown = {
  files: string[];
  /** Whether only the samples inside the load window were counted. */
  windowApplied: boolean;
  /** Sampled wall time, idle included, in ms. */
  sampledMs: number;
  idleMs: number;
  /** Self time (ms) per bucket, idle excluded. */
  buckets: Record<Bucket, number>;
  /** Share of busy time per bucket (0–1). */
  shares: Record<Bucket, number>;
  /** Where the busy time goes inside each bucket, by package or source area. */
  detail: { bucket: Bucket; area: string; ms: number; share: number }[];
  topFunctions: { functionName: string; source: string; bucket: Bucket; ms: number; share: number }[];
};

const FRAMEWORK_PKG = /(^|\/)node_modules\/(next|react|react-dom|scheduler|styled-jsx|@next|@swc\/helpers)\//;
const DATABASE_PKG = /(^|\/)node_modules\/(better-sqlite3|drizzle-orm|bindings|pg|pg-protocol|pg-pool|pg-types|pgpass|pg-connection-string)\//;

/**
 * Source maps of the build: drizzle, React and the app's own code are bundled
 * into hashed chunks under .next/server, so only the map tells them apart.
 */
class SourceResolver {
  private maps = new Map<string, SourceMap | null>();

  resolve(frame: CallFrame): string {
    const file = toPath(frame.url);
    if (!file || !file.includes(`${path.sep}.next${path.sep}`)) return file ?? frame.url;
    let map = this.maps.get(file);
    if (map === undefined) {
      map = null;
      try {
        const payload = JSON.parse(fs.readFileSync(`${file}.map`, 'utf8')) as SourceMapPayload;
        map = new SourceMap(payload);
      } catch {
        /* no map: keep the chunk name */
      }
      this.maps.set(file, map);
    }
    const entry = map?.findEntry(frame.lineNumber, frame.columnNumber);
    // A hit on another line means the map does not describe this file (rebuilt meanwhile): leave it unmapped.
    if (entry && 'originalSource' in entry && entry.originalSource && entry.generatedLine === frame.lineNumber) return entry.originalSource;
    return file;
  }
}

function toPath(url: string): string | null {
  if (url.startsWith('file://')) return fileURLToPath(url);
  if (url.startsWith('/')) return url;
  return null;
}

/** The bucket of a frame's source, or null when it must inherit its caller's (native code, eval). */
function classify(frame: CallFrame, source: string): Bucket | 'idle' | 'root' | null {
  const fn = frame.functionName;
  if (fn === '(idle)') return 'idle';
  if (fn === '(root)') return 'root';
  if (fn === '(garbage collector)') return 'node internals';
  if (fn === '(program)') return 'V8 / unattributed';
  if (!frame.url) return null;
  if (frame.url.startsWith('node:') || frame.url.startsWith('internal/')) return 'node internals';
  if (DATABASE_PKG.test(source)) return 'database';
  if (FRAMEWORK_PKG.test(source) || source.includes('[turbopack]') || /\.next\/server\/.*\[turbopack\]_runtime/.test(source)) return 'framework';
  return 'app + other libraries';
}

/** A short label for where a frame's code lives, for the per-bucket detail. */
function areaOf(frame: CallFrame, source: string, bucket: Bucket): string {
  if (!frame.url) return `${frame.functionName || '(anonymous)'} (native)`;
  if (bucket === 'node internals') return frame.url.replace(/^node:/, '').replace(/^internal\//, 'internal/').split('/').slice(0, 2).join('/');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?:(dist|lib|src)\/)?([^/]+)?/.exec(source);
  if (pkg) return pkg[1] === 'next' ? `next/${pkg[3] ?? ''}` : pkg[1]!;
  const rel = source.replace(/^(\.\.\/)+/, '').replace(`${path.resolve(__dirname, '..', '..')}/`, '');
  return rel.split('/').slice(0, 2).join('/');
}

/** Attributes self time of every sample in the given .cpuprofile files to buckets. */
export function analyseProfiles(files: string[], window?: { startUs: number; endUs: number }): ProfileBreakdown {
  const resolver = new SourceResolver();
  const buckets = Object.fromEntries(BUCKETS.map((b) => [b, 0])) as Record<Bucket, number>;
  const detail = new Map<string, { bucket: Bucket; area: string; us: number }>();
  const fns = new Map<string, { functionName: string; source: string; bucket: Bucket; us: number }>();
  let sampledUs = 0;
  let idleUs = 0;
  let windowApplied = false;

  for (const file of files) {
    const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parentOf = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);

    // Resolve each node once: its bucket (native frames take their caller's), area and source.
    const info = new Map<number, { bucket: Bucket | 'idle' | 'root'; area: string; source: string }>();
    const infoOf = (id: number): { bucket: Bucket | 'idle' | 'root'; area: string; source: string } => {
      const known = info.get(id);
      if (known) return known;
      const node = byId.get(id)!;
      const source = resolver.resolve(node.callFrame);
      let bucket = classify(node.callFrame, source);
      if (bucket === null) {
        const parent = parentOf.get(id);
        const inherited = parent === undefined ? 'V8 / unattributed' : infoOf(parent).bucket;
        bucket = inherited === 'root' || inherited === 'idle' ? 'V8 / unattributed' : inherited;
      }
      const area = bucket === 'idle' || bucket === 'root' ? bucket : areaOf(node.callFrame, source, bucket);
      const result = { bucket, area, source };
      info.set(id, result);
      return result;
    };

    // Sample times are on the same monotonic clock as process.hrtime(); when the
    // window does not overlap the profile at all (another clock), keep every sample.
    const inWindow = window && window.startUs < profile.endTime && window.endUs > profile.startTime;
    if (inWindow) windowApplied = true;
    let t = profile.startTime;
    profile.samples.forEach((id, i) => {
      const us = profile.timeDeltas[i] ?? 0;
      t += us;
      if (inWindow && (t < window.startUs || t > window.endUs)) return;
      sampledUs += us;
      const { bucket, area, source } = infoOf(id);
      if (bucket === 'idle' || bucket === 'root') {
        idleUs += us;
        return;
      }
      buckets[bucket] += us;
      const dkey = `${bucket}\0${area}`;
      const d = detail.get(dkey) ?? { bucket, area, us: 0 };
      d.us += us;
      detail.set(dkey, d);
      const frame = byId.get(id)!.callFrame;
      const shortSource = source ? `${source.replace(/^(\.\.\/)+/, '')}:${frame.lineNumber + 1}` : '(native)';
      const fkey = `${frame.functionName}\0${shortSource}`;
      const f = fns.get(fkey) ?? { functionName: frame.functionName || '(anonymous)', source: shortSource, bucket, us: 0 };
      f.us += us;
      fns.set(fkey, f);
    });
  }

  const busyUs = Object.values(buckets).reduce((a, b) => a + b, 0) || 1;
  const ms = (us: number) => Math.round(us / 100) / 10;
  return {
    files,
    windowApplied,
    sampledMs: ms(sampledUs),
    idleMs: ms(idleUs),
    buckets: Object.fromEntries(BUCKETS.map((b) => [b, ms(buckets[b])])) as Record<Bucket, number>,
    shares: Object.fromEntries(BUCKETS.map((b) => [b, buckets[b] / busyUs])) as Record<Bucket, number>,
    detail: [...detail.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, 25)
      .map((d) => ({ bucket: d.bucket, area: d.area, ms: ms(d.us), share: d.us / busyUs })),
    topFunctions: [...fns.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, 20)
      .map((f) => ({ functionName: f.functionName, source: f.source, bucket: f.bucket, ms: ms(f.us), share: f.us / busyUs })),
  };
}

/** The .cpuprofile files `node --cpu-prof` wrote for this process (written at its exit). */
export async function waitForProfiles(dir: string, pid: number): Promise<string[]> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')) : [];
    const own = files.filter((f) => f.includes(`.${pid}.`));
    if (own.length) return own.map((f) => path.join(dir, f));
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no .cpuprofile of pid ${pid} in ${dir}`);
}

/** The breakdown as tables on standard output. */
export function printProfile(p: ProfileBreakdown & { load: LoadFigures }) {
  const busy = p.sampledMs - p.idleMs;
  printTable(
    `CPU profile of the app under load (${p.load.durationS} s, ${round(p.load.storedPerS)} stored/s; busy ${round(busy / 1000, 1)} s of ${round(p.sampledMs / 1000, 1)} s sampled${p.windowApplied ? ', load window only' : ', WHOLE process: load window not matched'})`,
    ['bucket (self time)', 'ms', 'share of busy'],
    BUCKETS.map((b) => [b, p.buckets[b], pct(p.shares[b])]),
  );
  console.log(`(CPU during the profile: server ${p.load.cpu.serverS} s, load generator ${p.load.cpu.loadGeneratorS} s, other work ${p.load.cpu.otherS} s)`);
  printTable('Largest areas', ['bucket', 'area', 'ms', 'share'], p.detail.slice(0, 15).map((d) => [d.bucket, d.area, d.ms, pct(d.share)]));
  printTable('Top functions by self time', ['function', 'source', 'bucket', 'ms', 'share'], p.topFunctions.slice(0, 12).map((f) => [f.functionName, f.source.slice(-60), f.bucket, f.ms, pct(f.share)]));
}
