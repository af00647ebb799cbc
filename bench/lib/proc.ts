/**
 * CPU time of a process and its children from /proc (Linux), so a bench can say how many CPU
 * milliseconds a request cost the server and the database. Unlike requests per second, that
 * figure hardly moves when other work on a shared machine competes for the cores.
 */
import fs from "node:fs";

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function children(pid: number): number[] {
  const out: number[] = [];
  let tasks: string[] = [];
  try {
    tasks = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const task of tasks) {
    try {
      const list = fs.readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim();
      if (list) for (const c of list.split(/\s+/)) out.push(Number(c));
    } catch {
      // the task ended meanwhile
    }
  }
  return out;
}

function ownCpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return ((utime + stime) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** CPU milliseconds used so far by `pid` and every live descendant (ended ones are lost). */
export function treeCpuMs(pid: number | null | undefined): number {
  if (!pid) return 0;
  let total = 0;
  const seen = new Set<number>();
  const queue = [pid];
  while (queue.length > 0) {
    const p = queue.pop() as number;
    if (seen.has(p)) continue;
    seen.add(p);
    total += ownCpuMs(p);
    queue.push(...children(p));
  }
  return total;
}

/** Resident memory of a process tree in MiB. */
export function treeRssMiB(pid: number | null | undefined): number {
  if (!pid) return 0;
  let total = 0;
  const queue = [pid];
  const seen = new Set<number>();
  while (queue.length > 0) {
    const p = queue.pop() as number;
    if (seen.has(p)) continue;
    seen.add(p);
    try {
      const status = fs.readFileSync(`/proc/${p}/status`, "utf8");
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      total += kb / 1024;
    } catch {
      // gone
    }
    queue.push(...children(p));
  }
  return total;
}
