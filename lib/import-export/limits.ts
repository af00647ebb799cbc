/**
 * The CSV import's limits, in a module of their own: the import page's browser code needs them
 * on first load, while the parser and row checks (papaparse, the rule packs) load only once a
 * file is chosen (bench:js: the page's first-load JavaScript).
 */

/** Largest CSV file and row count one import takes (10,000 rows is the tested size). */
export const MAX_CSV_BYTES = 20 * 1024 * 1024;
export const MAX_CSV_ROWS = 20_000;
/**
 * Rows per request from the browser to the server; also bounded by bytes (server actions accept
 * 1 MB). 1,000 rows: each request has a fixed cost (session, parsing, audit: ~90 ms), so 10 of
 * them import 10,000 rows in less time than 40 (bench:import), and the bar still moves ten times.
 */
export const IMPORT_BATCH_ROWS = 1000;
export const IMPORT_BATCH_BYTES = 600_000;
