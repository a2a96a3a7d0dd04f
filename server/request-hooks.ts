import http, { type IncomingMessage, type ServerResponse } from 'node:http';

type Emit = (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;

/** Sees a request before whatever handled requests until now; `next()` passes it on (and returns what emitting it returned). */
export type RequestHook = (req: IncomingMessage, res: ServerResponse, next: () => boolean) => boolean;

/**
 * Runs `hook` on every request of every HTTP server of this process, Next's
 * included, before the server's own handler and before the hooks added
 * earlier: the last one added runs first (instrumentation.ts adds them once,
 * in a fixed order).
 */
export function addRequestHook(hook: RequestHook): void {
  const emit = http.Server.prototype.emit as Emit;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event !== 'request') return emit.call(this, event, ...args);
    return hook(args[0] as IncomingMessage, args[1] as ServerResponse, () => emit.call(this, event, ...args));
  } as typeof http.Server.prototype.emit;
}
