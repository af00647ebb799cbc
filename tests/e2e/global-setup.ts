/**
 * Starts the built app (`next start`) for the browser tests on a free loopback port, on a fresh
 * embedded PGlite folder (E2E_DB=pglite, no AUTH_SECRET: the generated one is used) or on a fresh
 * database of the test PostgreSQL (E2E_DB=postgres, production-like with AUTH_SECRET set).
 */
import { type ChildProcess, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createPgDatabase } from "../db/harness";
import { freePort, waitForHealth } from "./server";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    e2eDb: string;
    serverLog: string;
  }
}

let child: ChildProcess | undefined;
let cleanup: (() => Promise<void>)[] = [];

export async function setup(project: TestProject) {
  const db = process.env.E2E_DB === "postgres" ? "postgres" : "pglite";
  const port = await freePort();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "recert-e2e-"));
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), REMINDER_TICK: "off" };
  delete env.DATABASE_URL;
  delete env.AUTH_SECRET;
  if (db === "postgres") {
    if (!process.env.TEST_DATABASE_URL) throw new Error("E2E_DB=postgres needs TEST_DATABASE_URL");
    const created = await createPgDatabase(process.env.TEST_DATABASE_URL);
    cleanup.push(created.drop);
    env.DATABASE_URL = created.url;
    env.AUTH_SECRET = crypto.randomBytes(32).toString("base64url");
  } else {
    env.PGLITE_DIR = path.join(tmp, "pglite");
  }
  const log = path.join(tmp, "server.log");
  const out = fs.openSync(log, "a");
  const nextBin = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
  child = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], {
    env,
    stdio: ["ignore", out, out],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(baseUrl, 90_000);
  } catch (err) {
    console.error(fs.readFileSync(log, "utf8"));
    throw err;
  }
  console.log(`[e2e] app on ${baseUrl} (${db}), log ${log}`);
  project.provide("baseUrl", baseUrl);
  project.provide("e2eDb", db);
  project.provide("serverLog", log);
  cleanup.push(async () => fs.rmSync(tmp, { recursive: true, force: true }));
}

export async function teardown() {
  if (child && child.exitCode === null) {
    child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 500));
    if (child.exitCode === null) child.kill("SIGKILL");
  }
  for (const fn of cleanup.reverse()) await fn().catch(() => {});
  cleanup = [];
}
