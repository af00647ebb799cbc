import "server-only";
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { type Database, getDb } from "@/db/client";
import type { User } from "@/db/schema";
import { auditRefusalOfAction } from "@/lib/audit";
import { requireUser } from "@/lib/auth/session";
import { type FormState, formValues, parseForm } from "@/lib/forms";

export type ActionContext<T> = { user: User; db: Database; data: T; formData: FormData };

/** The not-found answers handed out, so authedAction can audit them (what was asked for). */
const refusals = new WeakMap<object, string>();

/** What an action answers for an id that is missing or someone else's: the same words either way. */
export function notFoundState(formData: FormData, what: string): FormState {
  const state: FormState = { status: "error", message: `That ${what} was not found. It may have been removed.`, fieldErrors: {}, values: formValues(formData) };
  refusals.set(state, what);
  return state;
}

/**
 * The one wrapper for authenticated server actions: session → parse → call → result.
 * The holder comes from the session only (never from the form); bad input returns field errors
 * with the entered values; an unexpected error is logged and answered with a plain message,
 * never a stack trace (redirect/notFound pass through).
 */
export async function authedAction<S extends z.ZodType, R = FormState>(
  formData: FormData,
  schema: S,
  run: (ctx: ActionContext<z.infer<S>>) => Promise<R | FormState>,
): Promise<R | FormState> {
  const user = await requireUser();
  const parsed = parseForm(schema, formData);
  if (!parsed.ok) return parsed.state;
  try {
    const result = await run({ user, db: await getDb(), data: parsed.data, formData });
    const refused = typeof result === "object" && result !== null ? refusals.get(result) : undefined;
    if (refused) await auditRefusalOfAction(user.id, await headers(), refused);
    return result;
  } catch (err) {
    unstable_rethrow(err);
    console.error("[action] failed", err instanceof Error ? err.message : err);
    return {
      status: "error",
      message: "Something went wrong on our side and nothing was saved. Please try again.",
      fieldErrors: {},
      values: formValues(formData),
    };
  }
}
