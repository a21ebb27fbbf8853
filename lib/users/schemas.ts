// One schema per user operation; the Users page and /api/users use them.
import { z } from "zod";
import { MAX_EMAIL_LENGTH, normalizeEmail } from "@/lib/accounts/email";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "@/lib/accounts/password-rules";
import { ROLES } from "@/lib/accounts/roles";
import { ZInstant, ZPaging, ZSort, ZVersion } from "@/lib/validation";

/** More APIs than one person owns. */
export const MAX_OWNED_APIS = 500;

export const ZEmail = z.email("Enter a valid email address.").max(MAX_EMAIL_LENGTH).transform(normalizeEmail);

export const ZPassword = z
  .string({ error: "Enter a password." })
  .min(MIN_PASSWORD_LENGTH, `A password needs at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(MAX_PASSWORD_LENGTH, `A password has at most ${MAX_PASSWORD_LENGTH} characters.`);

const ZRole = z.enum(ROLES, { error: `The role must be one of: ${ROLES.join(", ")}.` });
const ZApiIds = z.array(z.string().min(1).max(100)).max(MAX_OWNED_APIS);

export const ZCreateUserRequest = z
  .object({
    email: z.string({ error: "Enter a valid email address." }).trim().pipe(ZEmail),
    password: ZPassword,
    role: ZRole,
    apiIds: ZApiIds.default([]),
  })
  .strict();
export type TCreateUserRequest = z.infer<typeof ZCreateUserRequest>;

export const ZUpdateUserRequest = z
  .object({ role: ZRole, apiIds: ZApiIds, disabled: z.boolean(), version: ZVersion })
  .partial()
  .required({ version: true })
  .strict();
export type TUpdateUserRequest = z.infer<typeof ZUpdateUserRequest>;

export const ZResetPasswordRequest = z.object({ password: ZPassword }).strict();
export type TResetPasswordRequest = z.infer<typeof ZResetPasswordRequest>;

export const ZListUsersQuery = z.object({ ...ZPaging, sort: ZSort(["email", "role", "createdAt"], "email") });
export type TListUsersQuery = z.infer<typeof ZListUsersQuery>;

/** A user as the JSON API answers it: never the password's hash. */
export const ZUserDto = z.object({
  id: z.string(),
  email: z.string(),
  role: ZRole,
  apiIds: z.array(z.string()).describe("The APIs a service owner manages."),
  disabled: z.boolean(),
  version: z.number().int(),
  createdAt: ZInstant,
  updatedAt: ZInstant,
});
export type UserDto = z.infer<typeof ZUserDto>;
