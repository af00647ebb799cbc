import { sql } from "drizzle-orm";
import { getDbHandle } from "@/db/client";

export const dynamic = "force-dynamic";

/** App and database status for load balancers and monitors. Says nothing secret. */
export async function GET() {
  const started = Date.now();
  try {
    const handle = await getDbHandle();
    await handle.db.execute(sql`select 1`);
    return Response.json(
      { status: "ok", app: "ok", database: { status: "ok", kind: handle.kind, latencyMs: Date.now() - started } },
      { headers: { "cache-control": "no-store" } },
    );
  } catch {
    return Response.json(
      { status: "error", app: "ok", database: { status: "unavailable" } },
      { status: 503, headers: { "cache-control": "no-store" } },
    );
  }
}
