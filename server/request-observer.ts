import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { saneRequestId } from '@/lib/observability/request-id';
import { compileRoutes, routeOf, type RouteManifest, type RouteTable } from '@/lib/observability/route-pattern';
import { clientAddressOf, networkHashOf } from './client-address';
import { logger, requestContext } from './log';
import { observeHttpRequest } from './metrics';
import { addRequestHook } from './request-hooks';

/**
 * Every request of every HTTP server of this process, seen from the Node
 * server before Next (installed once at start by instrumentation.ts, as the
 * peer stamp of server/client-address.ts is):
 * - gets an id: the proxy's X-Request-Id when it is a sane token, else a new
 *   UUID; it is put back on the request (the app can read it), echoed as the
 *   response's X-Request-Id, and carried by every log line written while the
 *   request is handled (server/log.ts);
 * - is counted and timed by route pattern once its answer is sent or the
 *   client went away (server/metrics.ts), and logged in one line: method,
 *   route pattern, status, duration and the salted hash of the client's
 *   network — never the query string, the address or a header's content.
 */

const state = globalThis as unknown as { __hailongRequestObserver?: boolean; __hailongRouteTable?: RouteTable };

/** Status logged for a request whose client went away before the answer was complete (nginx's convention). */
const CLIENT_CLOSED = 499;

/** Requests too frequent to be worth a line each at info: static files, the load balancer's health checks, Prometheus' scrapes. */
const QUIET_ROUTES = new Set(['/_next/static', '/_next/image', '/api/health', '/api/metrics']);

/** The build's route list (.next/routes-manifest.json) and the files under public/; empty (everything "other") when not built. */
function routeTable(): RouteTable {
  if (state.__hailongRouteTable) return state.__hailongRouteTable;
  let manifest: RouteManifest = {};
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(process.cwd(), '.next', 'routes-manifest.json'), 'utf8')) as RouteManifest;
  } catch (error) {
    logger().warn({ err: error }, 'request metrics: no route list of the build; every route is counted as "other"');
  }
  const publicDir = path.join(process.cwd(), 'public');
  let publicFiles: string[] = [];
  try {
    publicFiles = (fs.readdirSync(publicDir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
      .filter((d) => d.isFile())
      .map((d) => `/${path.relative(publicDir, path.join(d.parentPath, d.name)).split(path.sep).join('/')}`);
  } catch {
    // No public/ folder.
  }
  state.__hailongRouteTable = compileRoutes(manifest, publicFiles);
  return state.__hailongRouteTable;
}

function finished(req: IncomingMessage, res: ServerResponse, url: string, requestId: string, startedAt: number) {
  const seconds = (performance.now() - startedAt) / 1000;
  const status = res.writableFinished ? res.statusCode : CLIENT_CLOSED;
  const route = routeOf(url, routeTable());
  observeHttpRequest(req.method, route, status, seconds);
  let net: string | null = null;
  try {
    net = networkHashOf(clientAddressOf(req));
  } catch {
    // No valid environment (yet): the line goes without it.
  }
  const line = { reqId: requestId, method: req.method, route, status, durationMs: Math.round(seconds * 10_000) / 10, net };
  if (QUIET_ROUTES.has(route)) logger().debug(line, 'request');
  else if (status >= 500) logger().warn(line, 'request');
  else logger().info(line, 'request');
}

/** Called once at start (instrumentation.ts). */
export function installRequestObserver() {
  if (state.__hailongRequestObserver) return;
  state.__hailongRequestObserver = true;
  addRequestHook((req, res, next) => {
    const requestId = saneRequestId(req.headers['x-request-id']) ?? randomUUID();
    req.headers['x-request-id'] = requestId;
    res.setHeader('X-Request-Id', requestId);
    const startedAt = performance.now();
    // As the client asked: Next rewrites req.url on its way to the page.
    const url = req.url ?? '/';
    res.once('close', () => {
      try {
        requestContext().run({ requestId }, () => finished(req, res, url, requestId, startedAt));
      } catch {
        // Observing must never break serving.
      }
    });
    return requestContext().run({ requestId }, next);
  });
}
