"use server";

import { headers } from "next/headers";
import { z } from "zod";
import { audit } from "@/lib/audit";
import { authedAction } from "@/lib/auth/action";
import { clientIp } from "@/lib/auth/request-ip";
import type { FormState } from "@/lib/forms";
import { ImportBatchSchema, importCsvBatch, type ImportBatchResult } from "@/lib/import-export/csv-import";

export type ImportBatchAnswer = ({ status: "imported" } & ImportBatchResult) | FormState;

const Payload = z.object({ payload: z.string().min(2).max(1_000_000) });

/**
 * Imports one batch of rows the browser already previewed: each is validated again here, and
 * created with its import key (a row already imported is counted, not added).
 */
export async function importCsvBatchAction(formData: FormData): Promise<ImportBatchAnswer> {
  return authedAction<typeof Payload, ImportBatchAnswer>(formData, Payload, async ({ user, db, data }) => {
    let json: unknown;
    try {
      json = JSON.parse(data.payload);
    } catch {
      json = null;
    }
    const batch = ImportBatchSchema.safeParse(json);
    if (!batch.success) return { status: "error", message: "The rows sent for import could not be read. Reload the page and try again.", fieldErrors: {}, values: {} };
    const result = await importCsvBatch(db, user.id, batch.data);
    await audit({ userId: user.id, action: "activities.import_csv", ip: clientIp(await headers()), detail: { added: result.added, already: result.already, invalid: result.invalid.length } });
    return { status: "imported", ...result };
  });
}
