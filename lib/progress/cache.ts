import "server-only";
/**
 * The scored activities of recently seen holders, kept in this server process across requests,
 * keyed by the holder's data version (users.data_version: database triggers bump it in the same
 * transaction as any change to the holder's activities, exclusions or evidence — migration 0001).
 *
 * Why: a page shows banners, so it needs every designation's ProgressReport, and lib/rules needs
 * every activity. For a holder with ten years of records (20,000 activities) reading and scoring
 * them costs ~1 s of CPU per request on PGlite and ~150 ms on PostgreSQL (bench:dashboard); with
 * the cache, a request whose version matches reads no activity at all and reuses the reports
 * computed for the same certifications and day.
 *
 * Safe with several replicas: nothing here is needed for correctness, only the version read from
 * the database in the request decides whether an entry may be used. Rows read after the version
 * can only be newer than it, never older, so the worst case is one extra read on the next request.
 * Entries are shared between requests: callers must not mutate rows or reports (nothing does).
 * Bounded by PROGRESS_CACHE_ROWS activities in total (least recently used holders go first).
 */
import type { Database } from "@/db/client";
import { listActivitiesForScoring, type ScoringRow } from "@/db/queries/activities";
import type { CertificationWithHistory } from "@/db/queries/certifications";
import { env } from "@/lib/env";
import { type ActivityInput, evaluateEach, type ProgressReport } from "@/lib/rules";
import { type HolderProgress, isMaintained, toActivityInput, toCertificationInput } from "./load";

type Entry = {
  userId: string;
  version: number;
  rows: ScoringRow[];
  /** The rows as engine input (built once; the engine picks each certification's pack). */
  inputs: ActivityInput[];
  /** Reports by day and certifications (a few keys at most). */
  reports: Map<string, ProgressReport[]>;
};

const REPORT_KEYS_PER_ENTRY = 4;

type State = { entries: Map<string, Entry>; rows: number; hits: number; misses: number };
const globalForCache = globalThis as unknown as { __recertProgressCache?: State };
// One cache per process, also when the bundler loads this module in more than one chunk.
const state: State = (globalForCache.__recertProgressCache ??= { entries: new Map(), rows: 0, hits: 0, misses: 0 });

function drop(userId: string): void {
  const old = state.entries.get(userId);
  if (!old) return;
  state.entries.delete(userId);
  state.rows -= old.rows.length;
}

function store(entry: Entry, limit: number): void {
  drop(entry.userId);
  if (entry.rows.length > limit) return;
  state.entries.set(entry.userId, entry);
  state.rows += entry.rows.length;
  // Map order is insertion order: the first entries are the least recently used.
  for (const [userId] of state.entries) {
    if (state.rows <= limit) break;
    drop(userId);
  }
}

/** The holder's activities (every live one, as listActivitiesForScoring gives them), from memory when `version` matches. */
async function entryFor(db: Database, userId: string, version: number | null): Promise<Entry> {
  const limit = env().PROGRESS_CACHE_ROWS;
  const cached = version === null ? undefined : state.entries.get(userId);
  if (cached && cached.version === version) {
    state.hits += 1;
    // Most recently used goes last.
    state.entries.delete(userId);
    state.entries.set(userId, cached);
    return cached;
  }
  state.misses += 1;
  const rows = await listActivitiesForScoring(db, userId);
  const entry: Entry = { userId, version: version ?? -1, rows, inputs: rows.map(toActivityInput), reports: new Map() };
  if (version === null || limit === 0) drop(userId);
  else store(entry, limit);
  return entry;
}

/**
 * Everything loadHolderProgress gives, for certifications the caller has just read together with
 * the holder's data version (listCertificationsAndDismissals): the activities and the reports come
 * from memory when nothing changed. One query on a miss, none on a hit.
 */
export async function holderProgress(
  db: Database,
  userId: string,
  certifications: CertificationWithHistory[],
  dataVersion: number | null,
  asOf: string,
): Promise<HolderProgress> {
  const entry = await entryFor(db, userId, dataVersion);
  const maintained = certifications.filter(isMaintained);
  const inputs = maintained.map(toCertificationInput);
  const key = `${asOf}\u0000${JSON.stringify(inputs)}`;
  let reports = entry.reports.get(key);
  if (!reports) {
    // Every activity scored once, counted per designation (the same reports as evaluate() of each).
    reports = evaluateEach({ certifications: inputs, activities: entry.inputs, asOf });
    if (entry.reports.size >= REPORT_KEYS_PER_ENTRY) {
      const oldest = entry.reports.keys().next().value;
      if (oldest !== undefined) entry.reports.delete(oldest);
    }
    entry.reports.set(key, reports);
  }
  return { asOf, certifications, reports, activities: entry.rows };
}

/** For tests and benchmarks: what the cache holds and how often it answered. */
export function progressCacheStats(): { holders: number; rows: number; hits: number; misses: number } {
  return { holders: state.entries.size, rows: state.rows, hits: state.hits, misses: state.misses };
}

/** For tests: forget everything. */
export function clearProgressCache(): void {
  state.entries.clear();
  state.rows = 0;
  state.hits = 0;
  state.misses = 0;
}
