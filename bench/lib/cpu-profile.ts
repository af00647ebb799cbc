/**
 * BENCH_CPU_PROFILE=<folder>: records a V8 CPU profile of one measured step of an in-process
 * bench (node:inspector), written as <folder>/<name>.cpuprofile; summarise it with
 * `npx tsx bench/profile.ts <file>`. Without the variable the step just runs.
 */
import fs from "node:fs";
import { Session } from "node:inspector";
import path from "node:path";

function post<T>(session: Session, method: string, params: object = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    session.post(method, params, (err, result) => (err ? reject(err) : resolve(result as T)));
  });
}

export async function withCpuProfile<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_CPU_PROFILE;
  if (!dir) return fn();
  const session = new Session();
  session.connect();
  await post(session, "Profiler.enable");
  await post(session, "Profiler.setSamplingInterval", { interval: 500 });
  await post(session, "Profiler.start");
  try {
    return await fn();
  } finally {
    const { profile } = await post<{ profile: unknown }>(session, "Profiler.stop");
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${name.replace(/[^a-z0-9_-]+/gi, "-")}.cpuprofile`);
    fs.writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
    console.log(`[profile] ${file}`);
  }
}
