// autocannon ships no types; @types/autocannon would be a second devDependency
// (docs/decisions/004), so these cover only what bench/ uses.
declare module 'autocannon' {
  type Headers = Record<string, string>;

  interface RequestParams {
    method?: string;
    path?: string;
    headers?: Headers;
    body?: string | Buffer;
  }

  interface Request extends RequestParams {
    /** Called before every request; returns the request to send. */
    setupRequest?: (req: RequestParams & { headers: Headers }, context: Record<string, unknown>) => RequestParams;
  }

  interface Options {
    /** Several URLs: the connections are spread over them. */
    url: string | string[];
    connections?: number;
    duration?: number;
    amount?: number;
    pipelining?: number;
    timeout?: number;
    method?: string;
    headers?: Headers;
    body?: string | Buffer;
    requests?: Request[];
    workers?: number;
    excludeErrorStats?: boolean;
    /** Requests per second over all connections; latencies are corrected for coordinated omission unless told otherwise. */
    overallRate?: number;
  }

  interface Histogram {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    total: number;
    p50: number;
    p90: number;
    p97_5: number;
    p99: number;
    p99_9: number;
    sent?: number;
  }

  interface Result {
    url: string;
    duration: number;
    start: Date;
    finish: Date;
    connections: number;
    latency: Histogram;
    requests: Histogram;
    throughput: Histogram;
    errors: number;
    timeouts: number;
    mismatches: number;
    non2xx: number;
    resets: number;
    '1xx': number;
    '2xx': number;
    '3xx': number;
    '4xx': number;
    '5xx': number;
    statusCodeStats: Record<string, { count: number }>;
  }

  function autocannon(options: Options): Promise<Result>;
  export = autocannon;
}
