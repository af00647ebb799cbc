import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { EMAIL_MAX, NAME_MAX, SignInSchema, SignUpSchema } from "@/lib/auth/schemas";
import { ChangePasswordSchema, DeleteAccountSchema, ProfileSchema } from "@/lib/auth/settings-schemas";

const GOOD = "correct horse battery staple";

/** The first message per field, as the forms show them. */
function errorsOf(schema: z.ZodType, input: unknown): Record<string, string> {
  const result = schema.safeParse(input);
  if (result.success) return {};
  const out: Record<string, string> = {};
  for (const issue of result.error.issues) out[issue.path.join(".")] ??= issue.message;
  return out;
}

const longEmail = `${"a".repeat(64)}@${"b".repeat(EMAIL_MAX - 64 - 1 - 4)}.com`; // exactly EMAIL_MAX
const tooLongEmail = `${"a".repeat(64)}@${"b".repeat(EMAIL_MAX - 64 - 4)}.com`; // EMAIL_MAX + 1

describe("sign-up form", () => {
  const valid = { name: "Dana Holder", email: "dana@example.com", password: GOOD, confirmPassword: GOOD, timezone: "Europe/Berlin" };

  it("accepts a good sign-up and trims name and email", () => {
    const parsed = SignUpSchema.parse({ ...valid, name: "  Dana Holder ", email: " Dana@Example.com  " });
    expect(parsed).toEqual({ name: "Dana Holder", email: "Dana@Example.com", password: GOOD, confirmPassword: GOOD, timezone: "Europe/Berlin" });
  });

  it("uses UTC when the browser sent no time zone or an empty one", () => {
    const { timezone: _tz, ...withoutTz } = valid;
    expect(SignUpSchema.parse(withoutTz).timezone).toBe("UTC");
    expect(SignUpSchema.parse({ ...valid, timezone: "" }).timezone).toBe("UTC");
  });

  it("accepts the longest name and email", () => {
    expect(longEmail).toHaveLength(EMAIL_MAX);
    expect(SignUpSchema.safeParse({ ...valid, name: "n".repeat(NAME_MAX), email: longEmail }).success).toBe(true);
  });

  it.each([
    { label: "empty name", patch: { name: "" }, field: "name", message: "Enter your name." },
    { label: "blank name", patch: { name: "   " }, field: "name", message: "Enter your name." },
    { label: "name too long", patch: { name: "n".repeat(NAME_MAX + 1) }, field: "name", message: `Use at most ${NAME_MAX} characters.` },
    { label: "empty email", patch: { email: "" }, field: "email", message: "Enter your email address." },
    { label: "email too long", patch: { email: tooLongEmail }, field: "email", message: `Use at most ${EMAIL_MAX} characters.` },
    { label: "email without @", patch: { email: "dana.example.com" }, field: "email", message: "Enter an email address like name@example.com." },
    { label: "email with two @", patch: { email: "dana@@example.com" }, field: "email", message: "Enter an email address like name@example.com." },
    { label: "email with a space", patch: { email: "dana holder@example.com" }, field: "email", message: "Enter an email address like name@example.com." },
    { label: "email without domain", patch: { email: "dana@" }, field: "email", message: "Enter an email address like name@example.com." },
    { label: "empty password", patch: { password: "", confirmPassword: "" }, field: "password", message: "Enter a password." },
    { label: "short password", patch: { password: "Kq7#Lm2", confirmPassword: "Kq7#Lm2" }, field: "password", message: "Use at least 8 characters." },
    { label: "password too long", patch: { password: "x".repeat(129), confirmPassword: "x".repeat(129) }, field: "password", message: "Use at most 128 characters." },
    { label: "huge password", patch: { password: "x".repeat(10_000), confirmPassword: "x" }, field: "password", message: "Use at most 128 characters." },
    { label: "common password", patch: { password: "password1", confirmPassword: "password1" }, field: "password", message: "This password is one of the most common ones and easy to guess. Choose another." },
    { label: "mismatched passwords", patch: { confirmPassword: GOOD + "!" }, field: "confirmPassword", message: "The two passwords do not match." },
    { label: "missing confirmation", patch: { confirmPassword: "" }, field: "confirmPassword", message: "The two passwords do not match." },
    { label: "unknown time zone", patch: { timezone: "Mars/Olympus_Mons" }, field: "timezone", message: "Choose a time zone from the list." },
  ])("refuses $label with a message on the field", ({ patch, field, message }) => {
    const errors = errorsOf(SignUpSchema, { ...valid, ...patch });
    expect(errors[field]).toBe(message);
  });

  it("reports every bad field at once (an empty form)", () => {
    const errors = errorsOf(SignUpSchema, { name: "", email: "", password: "", confirmPassword: "x" });
    expect(Object.keys(errors).sort()).toEqual(["confirmPassword", "email", "name", "password"]);
  });

  it("refuses a form with fields missing altogether (a hand-made POST), without throwing", () => {
    expect(SignUpSchema.safeParse({}).success).toBe(false);
    expect(SignUpSchema.safeParse({ name: 1, email: [], password: null }).success).toBe(false);
  });
});

describe("sign-in form", () => {
  it("accepts an email and any non-empty password (rules apply at sign-up, not here)", () => {
    expect(SignInSchema.parse({ email: " dana@example.com ", password: "short" })).toEqual({ email: "dana@example.com", password: "short" });
  });

  it.each([
    { label: "empty email", input: { email: "", password: GOOD }, field: "email", message: "Enter your email address." },
    { label: "malformed email", input: { email: "dana", password: GOOD }, field: "email", message: "Enter an email address like name@example.com." },
    { label: "email too long", input: { email: tooLongEmail, password: GOOD }, field: "email", message: `Use at most ${EMAIL_MAX} characters.` },
    { label: "empty password", input: { email: "dana@example.com", password: "" }, field: "password", message: "Enter your password." },
    { label: "password too long", input: { email: "dana@example.com", password: "x".repeat(513) }, field: "password", message: "That password is too long." },
  ])("refuses $label", ({ input, field, message }) => {
    expect(errorsOf(SignInSchema, input)[field]).toBe(message);
  });
});

describe("settings: profile", () => {
  const valid = { name: "Dana Holder", timezone: "America/Chicago", ascmId: "1234567", isMember: "on" };

  it("accepts a profile and reads the member checkbox", () => {
    expect(ProfileSchema.parse(valid)).toEqual({ name: "Dana Holder", timezone: "America/Chicago", ascmId: "1234567", isMember: true });
    const { isMember: _m, ...unchecked } = valid;
    expect(ProfileSchema.parse(unchecked).isMember).toBe(false);
    expect(ProfileSchema.parse({ ...valid, ascmId: "" }).ascmId).toBe("");
  });

  it.each([
    { label: "empty name", patch: { name: "" }, field: "name", message: "Enter your name." },
    { label: "name too long", patch: { name: "n".repeat(NAME_MAX + 1) }, field: "name", message: `Use at most ${NAME_MAX} characters.` },
    { label: "unknown time zone", patch: { timezone: "Europe/Atlantis" }, field: "timezone", message: "Choose a time zone from the list." },
    { label: "time zone too long", patch: { timezone: "A".repeat(65) }, field: "timezone", message: undefined },
    { label: "ASCM id with symbols", patch: { ascmId: "12 34;" }, field: "ascmId", message: "Use only letters, digits and dashes." },
    { label: "ASCM id too long", patch: { ascmId: "1".repeat(41) }, field: "ascmId", message: "Use at most 40 characters." },
    { label: "member flag not a checkbox value", patch: { isMember: "yes" }, field: "isMember", message: undefined },
  ])("refuses $label", ({ patch, field, message }) => {
    const errors = errorsOf(ProfileSchema, { ...valid, ...patch });
    expect(Object.keys(errors)).toEqual([field]);
    if (message) expect(errors[field]).toBe(message);
  });
});

describe("settings: change password", () => {
  const valid = { currentPassword: "old password here", newPassword: GOOD, confirmPassword: GOOD };

  it("accepts a change", () => {
    expect(ChangePasswordSchema.safeParse(valid).success).toBe(true);
  });

  it.each([
    { label: "empty current password", patch: { currentPassword: "" }, field: "currentPassword", message: "Enter your current password." },
    { label: "empty new password", patch: { newPassword: "", confirmPassword: "" }, field: "newPassword", message: "Enter a password." },
    { label: "short new password", patch: { newPassword: "Kq7#Lm2", confirmPassword: "Kq7#Lm2" }, field: "newPassword", message: "Use at least 8 characters." },
    { label: "new password too long", patch: { newPassword: "x".repeat(129), confirmPassword: "x".repeat(129) }, field: "newPassword", message: "Use at most 128 characters." },
    { label: "common new password", patch: { newPassword: "iloveyou", confirmPassword: "iloveyou" }, field: "newPassword", message: "This password is one of the most common ones and easy to guess. Choose another." },
    { label: "mismatched confirmation", patch: { confirmPassword: "correct horse battery stapler" }, field: "confirmPassword", message: "The two passwords do not match." },
  ])("refuses $label", ({ patch, field, message }) => {
    expect(errorsOf(ChangePasswordSchema, { ...valid, ...patch })[field]).toBe(message);
  });
});

describe("settings: delete account", () => {
  it("needs the password and DELETE typed exactly", () => {
    expect(DeleteAccountSchema.safeParse({ password: GOOD, confirm: "DELETE" }).success).toBe(true);
    expect(errorsOf(DeleteAccountSchema, { password: "", confirm: "DELETE" }).password).toBe("Enter your password to confirm.");
    for (const confirm of ["", "delete", "Delete", "DELETE ALL", undefined]) {
      expect(errorsOf(DeleteAccountSchema, { password: GOOD, confirm }).confirm).toBe("Type DELETE in capital letters to confirm.");
    }
  });
});
