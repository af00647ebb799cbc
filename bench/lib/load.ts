/**
 * A small closed-loop HTTP load generator (what autocannon does, without adding a package):
 * `connections` keep-alive connections on loopback, each sending the next GET as soon as the
 * previous answer has been read in full. Bounded by time AND by a request count. Every answer is
 * checked (status and a marker in the body), so a bench never times a redirect to sign-in.
 */
import http from "node:http";
import { gunzipSync } from "node:zlib";
import { quantile } from "./report";

export type LoadTarget = {
  label: string;
  url: string;
  headers: Record<string, string>;
  /** Text the page must contain (e.g. "Welcome,"), checked on every answer. */
  expect: string;
};

export type LoadSlice = {
  requests: number;
  errors: number;
  firstError?: string;
  elapsedMs: number;
  latenciesMs: number[];
  bytes: number;
};

export async function runLoad(target: LoadTarget, opts: { connections: number; durationMs: number; maxRequests: number }): Promise<LoadSlice> {
  const url = new URL(target.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.connections, maxFreeSockets: opts.connections });
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let bytes = 0;
  let started = 0;
  const t0 = performance.now();
  const deadline = t0 + opts.durationMs;

  const once = () =>
    new Promise<void>((resolve) => {
      const s = performance.now();
      const req = http.request(
        { host: url.hostname, port: url.port, path: url.pathname + url.search, method: "GET", agent, headers: { ...target.headers, "accept-encoding": "gzip" } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            const ms = performance.now() - s;
            const body = Buffer.concat(chunks);
            bytes += body.length;
            let ok = res.statusCode === 200;
            if (ok && target.expect) {
              // Answers are gzip'd (as a browser gets them); unzip only to check the marker.
              const text = res.headers["content-encoding"] === "gzip" ? gunzipSync(body).toString("utf8") : body.toString("utf8");
              ok = text.includes(target.expect);
            }
            if (ok) latencies.push(ms);
            else {
              errors += 1;
              firstError ??= `HTTP ${res.statusCode} ${res.headers.location ?? ""} (marker "${target.expect}" ${ok ? "found" : "missing"})`;
            }
            resolve();
          });
          res.on("error", (err) => {
            errors += 1;
            firstError ??= err.message;
            resolve();
          });
        },
      );
      req.on("error", (err) => {
        errors += 1;
        firstError ??= err.message;
        resolve();
      });
      req.end();
    });

  const worker = async () => {
    while (performance.now() < deadline && started < opts.maxRequests) {
      started += 1;
      await once();
    }
  };
  await Promise.all(Array.from({ length: opts.connections }, worker));
  const elapsedMs = performance.now() - t0;
  agent.destroy();
  return { requests: latencies.length, errors, firstError, elapsedMs, latenciesMs: latencies, bytes };
}

export type LoadSummary = {
  requests: number;
  errors: number;
  firstError?: string;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** Average compressed body size. */
  bytesPerResponse: number;
};

export function summarize(slices: LoadSlice[]): LoadSummary {
  const latencies = slices.flatMap((s) => s.latenciesMs).sort((a, b) => a - b);
  const requests = slices.reduce((n, s) => n + s.requests, 0);
  const elapsed = slices.reduce((n, s) => n + s.elapsedMs, 0);
  const errors = slices.reduce((n, s) => n + s.errors, 0);
  const bytes = slices.reduce((n, s) => n + s.bytes, 0);
  return {
    requests,
    errors,
    firstError: slices.find((s) => s.firstError)?.firstError,
    rps: elapsed > 0 ? (requests * 1000) / elapsed : 0,
    p50: quantile(latencies, 0.5),
    p90: quantile(latencies, 0.9),
    p99: quantile(latencies, 0.99),
    max: latencies.at(-1) ?? Number.NaN,
    bytesPerResponse: requests + errors > 0 ? bytes / (requests + errors) : 0,
  };
}
