import { describe, expect, it } from "vitest";
import { z } from "zod";
import { SignUpSchema } from "@/lib/auth/schemas";
import { ChangePasswordSchema } from "@/lib/auth/settings-schemas";
import { fieldErrors, formValues, invalid, parseForm } from "@/lib/forms";

function fd(entries: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(entries)) data.append(k, v);
  return data;
}

describe("form results: what comes back to a form after bad input", () => {
  it("gives each field its first message and keeps what was typed, never a password", () => {
    const data = fd({
      $ACTION_ID_abc: "",
      name: "",
      email: "Dana@Example",
      password: "short",
      confirmPassword: "shorter",
      timezone: "Europe/Berlin",
    });
    const result = parseForm(SignUpSchema, data);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.state).toEqual({
      status: "error",
      message: "Please correct the fields marked below.",
      fieldErrors: {
        name: "Enter your name.",
        email: "Enter an email address like name@example.com.",
        password: "Use at least 8 characters.",
        confirmPassword: "The two passwords do not match.",
      },
      values: { name: "", email: "Dana@Example", timezone: "Europe/Berlin" },
    });
  });

  it("drops every secret-looking field and files from the values sent back", () => {
    const data = fd({ currentPassword: "a", newPassword: "b", confirmPassword: "c", apiToken: "t", clientSecret: "s", note: "kept" });
    data.append("upload", new Blob(["x"]), "x.pdf");
    expect(formValues(data)).toEqual({ note: "kept" });
  });

  it("never echoes passwords for the change-password form", () => {
    const result = parseForm(ChangePasswordSchema, fd({ currentPassword: "old one here", newPassword: "x", confirmPassword: "y" }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.state.status === "error" && result.state.values).toEqual({});
  });

  it("returns the parsed data when the form is good", () => {
    const pw = "correct horse battery staple";
    const result = parseForm(SignUpSchema, fd({ name: " Dana ", email: "dana@example.com", password: pw, confirmPassword: pw }));
    expect(result).toEqual({
      ok: true,
      data: { name: "Dana", email: "dana@example.com", password: pw, confirmPassword: pw, timezone: "UTC" },
    });
  });

  it("puts an issue without a field in the form-level message", () => {
    const schema = z.object({ a: z.string() }).refine(() => false, { message: "Whole form is wrong." });
    const parsed = schema.safeParse({ a: "x" });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(fieldErrors(parsed.error)).toEqual({ fieldErrors: {}, message: "Whole form is wrong." });
  });

  it("builds an error state for a check made after parsing (email taken)", () => {
    expect(invalid(fd({ email: "a@b.co", password: "p" }), { email: "Taken." })).toEqual({
      status: "error",
      message: "Please correct the fields marked below.",
      fieldErrors: { email: "Taken." },
      values: { email: "a@b.co" },
    });
  });
});
