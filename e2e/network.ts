import { randomBytes } from 'node:crypto';

/**
 * A client address that no other client of any test shares, as a reverse
 * proxy would name it in X-Forwarded-For: a random /64 of IPv6's
 * documentation range (2001:db8::/32), the unit every throttle and abuse rule
 * counts IPv6 by (lib/client-address.ts networkKey). Random IPv4 addresses
 * were not enough: a spec that fills one address's hourly limit on purpose
 * shared the 65k-address pool with thousands of other posts, and about one CI
 * run in a hundred a post landed on it and met a 429. Here the chance that one
 * of a run's few thousand addresses lands on such an address is about 1 in a million.
 */
export function newNetwork(): string {
  const hex = randomBytes(4).toString('hex');
  return `2001:db8:${hex.slice(0, 4)}:${hex.slice(4)}::1`;
}
