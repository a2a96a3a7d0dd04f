import { isIP } from 'node:net';

/**
 * Who is on the other end of a request, decided in one place for every
 * throttle, abuse rule and audit entry (docs/security.md, "Client address").
 *
 * - Without a trusted proxy (TRUST_PROXY=0) it is the socket's peer address:
 *   any X-Forwarded-For a client sends is its own words and is ignored.
 * - Behind N trusted proxies it is the Nth hop from the right of
 *   X-Forwarded-For (each proxy appends the address it saw); when the header
 *   has fewer hops than that, the request did not come through every proxy
 *   and the socket address is used.
 */
export function decideClientAddress(
  seen: { socket: string | null | undefined; forwardedFor: string | null | undefined },
  trustProxy: number,
): string | null {
  if (trustProxy > 0 && seen.forwardedFor) {
    const hops = seen.forwardedFor
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const hop = hops.length >= trustProxy ? hops[hops.length - trustProxy] : undefined;
    const address = hop ? normalizeAddress(hop) : null;
    if (address) return address;
  }
  return seen.socket ? normalizeAddress(seen.socket) : null;
}

/**
 * An address in a canonical text form: IPv4-mapped IPv6 as plain IPv4, IPv6
 * lower-case and fully expanded; anything that is not an IP address is null
 * (a forged hop such as "evil" never becomes a key of its own).
 */
export function normalizeAddress(raw: string): string | null {
  let a = raw.trim();
  // "[::1]:443" and "1.2.3.4:5678" as some proxies write them.
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracketed) a = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(':'));
  a = a.replace(/%.*$/, '').toLowerCase();
  const kind = isIP(a);
  if (kind === 4) return a;
  if (kind !== 6) return null;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(a);
  if (mapped) return mapped[1]!;
  return expandIPv6(a);
}

function expandIPv6(a: string): string {
  let text = a;
  // A trailing dotted quad ("::ffff:1.2.3.4" forms other than the mapped one) becomes two groups.
  const quad = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (quad) {
    const [b1, b2, b3, b4] = quad.slice(1).map(Number) as [number, number, number, number];
    text = text.slice(0, quad.index) + ((b1 << 8) | b2).toString(16) + ':' + ((b3 << 8) | b4).toString(16);
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = 8 - left.length - right.length;
  const groups = tail === undefined ? left : [...left, ...Array<string>(missing).fill('0'), ...right];
  return groups.map((g) => g.padStart(4, '0')).join(':');
}

/**
 * The "network" a rate limit counts per: an IPv4 address itself, an IPv6
 * address's /64 prefix — one subscriber's line or LAN gets a whole /64, so
 * counting per address would let one phone rotate through billions.
 */
export function networkKey(address: string): string {
  const a = normalizeAddress(address);
  if (!a) return address;
  if (!a.includes(':')) return a;
  return `${a.split(':').slice(0, 4).join(':')}::/64`;
}
