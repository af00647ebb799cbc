/** The server half of the CSV export: every live activity of the holder, oldest first. */
import "server-only";
import type { Database } from "@/db/client";
import { listActivities } from "@/db/queries/activities";
import { activityToRecord, CSV_HEADER } from "./csv-activities";
import { serializeCsv } from "./csv";
import { holderCertRefs } from "./csv-import";

const PAGE = 500;

export async function exportActivitiesCsv(db: Database, userId: string): Promise<{ csv: string; rows: number }> {
  const certs = await holderCertRefs(db, userId);
  const records: string[][] = [[...CSV_HEADER]];
  for (let page = 1; ; page++) {
    const { rows } = await listActivities(db, userId, {}, { sort: "date_asc", page, pageSize: PAGE });
    for (const a of rows) records.push(activityToRecord(a, certs));
    if (rows.length < PAGE) break;
  }
  return { csv: serializeCsv(records), rows: records.length - 1 };
}
