/**
 * The abuse baseline for public ratings (docs/abuse-rules.md). Counts come
 * from the database, so every app server applies the same limits.
 */
export type AbuseRules = {
  /** Window over which a device's earlier ratings are counted. */
  deviceWindowMs: number;
  /** A device that already stored this many ratings in the window is refused. */
  deviceLimit: number;
  /** Window over which a network's (IP address's) earlier ratings are counted. */
  networkWindowMs: number;
  /** A network that already stored this many ratings in the window is refused. */
  networkLimit: number;
  /** This many ratings of one office from one network in the window flags the next as a burst. */
  networkBurst: number;
};

export const DEFAULT_ABUSE_RULES: AbuseRules = {
  deviceWindowMs: 30 * 60_000,
  deviceLimit: 6,
  networkWindowMs: 10 * 60_000,
  // Mobile carriers put many phones behind one address (CGNAT): refuse only what no office could produce.
  networkLimit: 120,
  networkBurst: 30,
};

/** What the database saw before this rating, within the rules' windows. */
export type AbuseCounts = {
  device: { total: number; sameTarget: number } | null;
  network: { total: number; sameTarget: number } | null;
};

export const ABUSE_FLAGS = ['device_repeat', 'network_burst', 'kiosk_burst', 'staff_device', 'outside_hours', 'kiosk_daily_cap'] as const;
export type AbuseFlag = (typeof ABUSE_FLAGS)[number];

export type AbuseDecision =
  | { action: 'reject'; reason: 'device_limit' | 'network_limit' }
  | { action: 'accept'; flags: AbuseFlag[] };

/**
 * Refuse when a device or network is clearly flooding; otherwise store, but
 * flag what looks like one person rating twice or a burst, so indicators can
 * exclude it while nothing a citizen said is thrown away.
 */
export function decideAbuse(counts: AbuseCounts, rules: AbuseRules = DEFAULT_ABUSE_RULES): AbuseDecision {
  if (counts.device && counts.device.total >= rules.deviceLimit) return { action: 'reject', reason: 'device_limit' };
  if (counts.network && counts.network.total >= rules.networkLimit) return { action: 'reject', reason: 'network_limit' };
  const flags: AbuseFlag[] = [];
  if (counts.device && counts.device.sameTarget > 0) flags.push('device_repeat');
  if (counts.network && counts.network.sameTarget >= rules.networkBurst) flags.push('network_burst');
  return { action: 'accept', flags };
}
