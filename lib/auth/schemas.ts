import { z } from "zod";
import { PASSWORD_MAX, passwordProblem } from "@/lib/auth/password";

export const EMAIL_MAX = 254;
export const NAME_MAX = 100;

export const emailField = z
  .string()
  .trim()
  .min(1, "Enter your email address.")
  .max(EMAIL_MAX, `Use at most ${EMAIL_MAX} characters.`)
  .pipe(z.email("Enter an email address like name@example.com."));

export const nameField = z
  .string()
  .trim()
  .min(1, "Enter your name.")
  .max(NAME_MAX, `Use at most ${NAME_MAX} characters.`);

export const newPasswordField = z
  .string()
  .max(PASSWORD_MAX * 4, `Use at most ${PASSWORD_MAX} characters.`)
  .superRefine((value, ctx) => {
    const problem = passwordProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const timezoneField = z
  .string()
  .trim()
  .max(64)
  .refine((v) => v === "" || isTimeZone(v), "Choose a time zone from the list.")
  .transform((v) => v || "UTC");

export const SignUpSchema = z
  .object({
    name: nameField,
    email: emailField,
    password: newPasswordField,
    confirmPassword: z.string(),
    timezone: timezoneField.optional().default("UTC"),
  })
  .refine((v) => v.password === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two passwords do not match.",
  });

export const SignInSchema = z.object({
  email: emailField,
  password: z.string().min(1, "Enter your password.").max(PASSWORD_MAX * 4, "That password is too long."),
});
