/**
 * The result every form action returns: a closed union the form renders. On an error the
 * entered values come back (passwords excepted) so nothing the user typed is lost.
 */
import type { z } from "zod";

export type FormState =
  | { status: "idle" }
  | { status: "success"; message: string }
  | { status: "error"; message?: string; fieldErrors: Record<string, string>; values: Record<string, string> };

export const idle: FormState = { status: "idle" };

const SECRET_FIELDS = /password|token|secret/i;

/** The form's text values, without secrets, to refill the form after an error. */
export function formValues(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$ACTION") || SECRET_FIELDS.test(key) || typeof value !== "string") continue;
    out[key] = value;
  }
  return out;
}

/** First message per field; issues without a path go to the form-level message. */
export function fieldErrors(error: z.ZodError): { fieldErrors: Record<string, string>; message?: string } {
  const out: Record<string, string> = {};
  let message: string | undefined;
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".");
    if (!key) message ??= issue.message;
    else out[key] ??= issue.message;
  }
  return { fieldErrors: out, message };
}

export function invalid(
  formData: FormData,
  fieldErrorsMap: Record<string, string>,
  message = "Please correct the fields marked below.",
): FormState {
  return { status: "error", message, fieldErrors: fieldErrorsMap, values: formValues(formData) };
}

/** Parse FormData with a zod schema; on failure, a FormState ready to return. */
export function parseForm<S extends z.ZodType>(
  schema: S,
  formData: FormData,
): { ok: true; data: z.infer<S> } | { ok: false; state: FormState } {
  const raw = Object.fromEntries([...formData.entries()].filter(([k]) => !k.startsWith("$ACTION")));
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, data: parsed.data };
  const { fieldErrors: errs, message } = fieldErrors(parsed.error);
  return { ok: false, state: invalid(formData, errs, message ?? "Please correct the fields marked below.") };
}
