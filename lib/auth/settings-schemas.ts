import { z } from "zod";
import { PASSWORD_MAX } from "@/lib/auth/password";
import { nameField, newPasswordField, timezoneField } from "@/lib/auth/schemas";

export const ProfileSchema = z.object({
  name: nameField,
  timezone: timezoneField,
  ascmId: z
    .string()
    .trim()
    .max(40, "Use at most 40 characters.")
    .regex(/^[A-Za-z0-9-]*$/, "Use only letters, digits and dashes."),
  isMember: z
    .union([z.literal("on"), z.literal("")])
    .optional()
    .transform((v) => v === "on"),
});

export const ChangePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password.").max(PASSWORD_MAX * 4),
    newPassword: newPasswordField,
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "The two passwords do not match." });

export const DeleteAccountSchema = z.object({
  password: z.string().min(1, "Enter your password to confirm.").max(PASSWORD_MAX * 4),
  confirm: z.literal("DELETE", { error: "Type DELETE in capital letters to confirm." }),
});
