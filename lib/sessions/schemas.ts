// The signed-in person's own sessions, as the Sessions page and GET /api/sessions show them.
import { z } from "zod";
import { ZInstant } from "@/lib/validation";

export const ZSessionDto = z.object({
  id: z.string().describe("The session's public id: the `sid` of the ID tokens issued in it."),
  device: z.string().describe('The browser and system it signed in from, e.g. "Firefox on Windows".'),
  current: z.boolean().describe("Whether it is the session of this request."),
  signedInAt: ZInstant.describe("When the password was last entered in it."),
  lastUsedAt: ZInstant.describe("To within a minute."),
  expiresAt: ZInstant,
  applications: z
    .array(z.object({ clientId: z.string(), name: z.string() }))
    .describe("The applications authorized in it whose grants are not revoked, by name."),
});
export type SessionDto = z.infer<typeof ZSessionDto>;

export const ZSessionList = z
  .array(ZSessionDto)
  .describe("The current session first, then the others by their last use.");
