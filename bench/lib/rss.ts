import fs from 'node:fs';

/** Resident set size of one process in bytes, or null once it is gone. */
function readRss(pid: number): number | null {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return null;
  }
}

/** Resident set size of one process in whole MB (0 once it is gone): for a once-a-second timeline. */
export function rssMb(pid: number): number {
  return Math.round((readRss(pid) ?? 0) / 1024 / 1024);
}

/** `pid` and all its descendants (this kernel has no /proc/<pid>/task/<tid>/children, so scan /proc). */
function processTree(root: number): number[] {
  const parentOf = new Map<number, number>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name may contain spaces and parentheses: the ppid is the 2nd field after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parentOf.set(Number(name), ppid);
    } catch {
      /* exited while scanning */
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) {
    for (const [pid, ppid] of parentOf) if (ppid === tree[i]) tree.push(pid);
  }
  return tree;
}

export type RssSummary = { peakBytes: number; finalBytes: number; samples: number; processes: number };

/**
 * Samples the summed VmRSS of a process and its children every `intervalMs`.
 * The child list is refreshed every 4 s: the scan of /proc is the costly part.
 */
export function startRssSampler(rootPid: number, intervalMs = 250) {
  let tree = processTree(rootPid);
  let lastTreeScan = Date.now();
  let peak = 0;
  let last = 0;
  let samples = 0;
  let maxProcesses = tree.length;
  const sample = () => {
    if (Date.now() - lastTreeScan > 4_000) {
      tree = processTree(rootPid);
      lastTreeScan = Date.now();
      maxProcesses = Math.max(maxProcesses, tree.length);
    }
    let total = 0;
    let alive = false;
    for (const pid of tree) {
      const rss = readRss(pid);
      if (rss != null) {
        total += rss;
        alive = true;
      }
    }
    if (!alive) return;
    samples++;
    last = total;
    peak = Math.max(peak, total);
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    /** Takes one last sample and stops. */
    stop(): RssSummary {
      sample();
      clearInterval(timer);
      return { peakBytes: peak, finalBytes: last, samples, processes: maxProcesses };
    },
  };
}
