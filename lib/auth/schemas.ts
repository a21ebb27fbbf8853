// The console's sign-in: the same fields as the authorization flow's sign-in page.
import { z } from "zod";
import { MAX_EMAIL_LENGTH } from "@/lib/accounts/email";
import { MAX_PASSWORD_LENGTH } from "@/lib/accounts/password-rules";

export const ZSignInRequest = z
  .object({
    email: z.string({ error: "Enter your email." }).trim().min(1, "Enter your email.").max(MAX_EMAIL_LENGTH),
    password: z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(MAX_PASSWORD_LENGTH),
  })
  .strict();
export type TSignInRequest = z.infer<typeof ZSignInRequest>;
