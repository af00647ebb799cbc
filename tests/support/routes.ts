/**
 * Finds every page (app/**\/page.tsx), route handler (app/**\/route.ts, with the HTTP methods it
 * exports) and server action (from the build's server-reference manifest) by itself, so a test
 * that walks them covers every route added later, or fails and says which one to add.
 */
import fs from "node:fs";
import path from "node:path";
import { type ActionRef, loadActions, pagePathOf } from "./http";

export type PageRoute = { kind: "page"; pattern: string; file: string; params: string[] };
export type HandlerRoute = { kind: "route"; pattern: string; file: string; params: string[]; methods: string[] };

const APP_DIR = path.join(process.cwd(), "app");
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

function paramsOf(pattern: string): string[] {
  return [...pattern.matchAll(/\[(?:\.\.\.)?([^\]]+)\]/g)].map((m) => m[1] ?? "");
}

export function discoverPages(): PageRoute[] {
  return walk(APP_DIR)
    .filter((f) => /\/page\.(tsx|ts|jsx|js|mdx)$/.test(f))
    .map((file) => {
      const dir = path.relative(APP_DIR, path.dirname(file));
      const pattern = dir === "" ? "/" : pagePathOf(dir);
      return { kind: "page" as const, pattern, file: path.relative(process.cwd(), file), params: paramsOf(pattern) };
    })
    .sort((a, b) => a.pattern.localeCompare(b.pattern));
}

/** The HTTP methods a route module exports: `export async function GET`, `export const POST =`, `export const { GET, POST } =`. */
export function exportedMethods(source: string): string[] {
  const found = new Set<string>();
  for (const m of source.matchAll(/export\s+(?:async\s+)?function\s+([A-Z]+)\b/g)) found.add(m[1] ?? "");
  for (const m of source.matchAll(/export\s+(?:const|let|var)\s+([A-Z]+)\s*[=:]/g)) found.add(m[1] ?? "");
  for (const m of source.matchAll(/export\s+(?:const|let|var)\s*\{([^}]*)\}\s*=/g)) {
    for (const name of (m[1] ?? "").split(",")) found.add(name.split(":").pop()?.trim() ?? "");
  }
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const name of (m[1] ?? "").split(",")) found.add(name.split(/\s+as\s+/).pop()?.trim() ?? "");
  }
  return METHODS.filter((method) => found.has(method));
}

export function discoverRouteHandlers(): HandlerRoute[] {
  return walk(APP_DIR)
    .filter((f) => /\/route\.(ts|js)$/.test(f))
    .map((file) => {
      const pattern = pagePathOf(path.relative(APP_DIR, path.dirname(file)));
      const methods = exportedMethods(fs.readFileSync(file, "utf8"));
      return { kind: "route" as const, pattern, file: path.relative(process.cwd(), file), params: paramsOf(pattern), methods };
    })
    .sort((a, b) => a.pattern.localeCompare(b.pattern));
}

/** Server actions of the build; keyed in tables as "file#export". */
export function discoverActions(distDir?: string): (ActionRef & { key: string })[] {
  return loadActions(distDir)
    .map((a) => ({ ...a, key: `${a.filename}#${a.exportedName}` }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

/** "/activities/[id]" with { id: "…" } → "/activities/…" (values are URL-encoded). */
export function fillPattern(pattern: string, values: Record<string, string>): string {
  return pattern.replace(/\[(\.\.\.)?([^\]]+)\]/g, (_, catchAll: string | undefined, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`no value for [${name}] in ${pattern}`);
    // A catch-all segment takes a path ("session", "callback/credentials").
    return catchAll ? v.split("/").map(encodeURIComponent).join("/") : encodeURIComponent(v);
  });
}

/** Names of discovered things missing from a table, as a message that says what to do. */
export function missingFromTable(kind: string, discovered: string[], table: Record<string, unknown>, file: string): string[] {
  return discovered
    .filter((key) => !(key in table))
    .map((key) => `${kind} ${key} is not in the table of ${file}: add an entry that says how to call it (who may, with which ids, what success looks like).`);
}
