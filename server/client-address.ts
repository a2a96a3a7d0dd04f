import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { decideClientAddress, networkKey } from '@/lib/client-address';
import { getEnv } from '@/lib/env';
import { hashSignal } from './http';
import { addRequestHook } from './request-hooks';

/**
 * Route handlers and next-auth see a web `Request`, which has no socket. The
 * HTTP server therefore writes each request's peer address into this header
 * before Next sees the request, overwriting whatever a client sent, and signs
 * it with a secret of this process so that a header not written by us (a
 * server started without the stamp) is never believed.
 */
const PEER_HEADER = 'x-hailong-peer';
const state = globalThis as unknown as { __hailongPeerKey?: string; __hailongPeerStamp?: boolean };

function peerKey(): string {
  state.__hailongPeerKey ??= randomBytes(12).toString('hex');
  return state.__hailongPeerKey;
}

/** Called once at start (instrumentation.ts): stamps every request of every HTTP server of this process. */
export function installPeerStamp() {
  if (state.__hailongPeerStamp) return;
  state.__hailongPeerStamp = true;
  const key = peerKey();
  addRequestHook((req, _res, next) => {
    req.headers[PEER_HEADER] = `${key} ${req.socket?.remoteAddress ?? ''}`;
    return next();
  });
}

/** The header the HTTP server stamps on a request from `address`: for handler tests that run without a server. */
export function peerStampFor(address: string): Record<string, string> {
  return { [PEER_HEADER]: `${peerKey()} ${address}` };
}

type HeaderSource = Headers | Record<string, unknown> | undefined;

function header(headers: HeaderSource, name: string): string | null {
  if (!headers) return null;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name);
  const v = (headers as Record<string, unknown>)[name];
  return Array.isArray(v) ? v.join(', ') : v == null ? null : String(v);
}

function stampedPeer(headers: HeaderSource): string | null {
  const stamp = header(headers, PEER_HEADER);
  if (!stamp) return null;
  const [key, address] = stamp.split(' ');
  return key === peerKey() && address ? address : null;
}

/** The client's address for a request seen as headers (route handlers, next-auth, server actions). */
export function clientAddressFromHeaders(headers: HeaderSource): string | null {
  return decideClientAddress({ socket: stampedPeer(headers), forwardedFor: header(headers, 'x-forwarded-for') }, getEnv().TRUST_PROXY);
}

/** The client's address for a Node request (the Pages Router survey). */
export function clientAddressOf(req: IncomingMessage): string | null {
  return decideClientAddress(
    { socket: req.socket?.remoteAddress ?? stampedPeer(req.headers), forwardedFor: header(req.headers, 'x-forwarded-for') },
    getEnv().TRUST_PROXY,
  );
}

/** The salted hash of the client's network (its IPv4 address or IPv6 /64), as throttles, abuse rules and the audit log keep it. */
export function networkHashOf(address: string | null): string | null {
  return address ? hashSignal(getEnv().SIGNAL_SALT, 'network', networkKey(address)) : null;
}
