import { z } from "zod";
import { USER_ROLES } from "./roles";

/** Passwords: at least 10 characters (better-auth's own minimum is 8), at most its hashing limit. */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

export const roleInput = z.enum(USER_ROLES, { message: `must be one of ${USER_ROLES.join(", ")}` });

/** What an admin sends to create a user (POST /api/auth/admin/create-user). */
export const newUserInput = z.object({
  email: z.email({ message: "must be an email address" }),
  name: z.string({ message: "is required" }).trim().min(1, { message: "is required" }).max(100, { message: "must be at most 100 characters" }),
  password: z
    .string({ message: "is required" })
    .min(PASSWORD_MIN_LENGTH, { message: `must be at least ${PASSWORD_MIN_LENGTH} characters` })
    .max(PASSWORD_MAX_LENGTH, { message: `must be at most ${PASSWORD_MAX_LENGTH} characters` }),
  role: roleInput,
});

/** What an admin sends to change a role (POST /api/auth/admin/set-role): one role, not a list. */
export const roleChangeInput = z.object({
  userId: z.string({ message: "is required" }).min(1, { message: "is required" }),
  role: roleInput,
});

/** "password: must be at least 10 characters" – the first problem, naming the field, never echoing a value. */
export function describeProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid input";
  const field = issue.path.join(".") || "body";
  return `${field}: ${issue.message}`;
}
