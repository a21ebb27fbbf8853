// The configuration as one declarative document (issue 15): the service settings, the APIs with
// their scopes and service owners, and the clients; never a secret. The document's fields are the
// JSON API's, validated by the same field schemas; what a document leaves out takes the value a
// new resource would get, since the document is the whole configuration.
import { z } from "zod";
import { ZCreateApiRequest } from "@/lib/apis/schemas";
import { ZCreateClientRequest } from "@/lib/clients/schemas";
import { ZCreateScopeRequest, ZScopeImpact } from "@/lib/scopes/schemas";
import { ZUpdateSettingsRequest } from "@/lib/settings/schemas";

export const ZConfigScope = ZCreateScopeRequest;
export const ZConfigApi = ZCreateApiRequest.extend({
  owners: z.array(z.email({ error: "An owner is the email of a console user." })).default([]),
  scopes: z.array(ZConfigScope).default([]),
}).strict();
export const ZConfigClient = ZCreateClientRequest.safeExtend({
  clientId: z
    .string({ error: "clientId is required: it names the client." })
    .trim()
    .min(1, "clientId is required: it names the client.")
    .max(100)
    .regex(/^[\x21-\x7E]+$/, "clientId must be printable ASCII without spaces."),
});

export const ZConfigDocument = z
  .object({
    /** Deletions are applied only when the document says so. */
    prune: z.boolean().default(false),
    settings: ZUpdateSettingsRequest.omit({ version: true }).optional(),
    apis: z.array(ZConfigApi).default([]),
    clients: z.array(ZConfigClient).default([]),
  })
  .strict()
  .superRefine((document, context) => {
    const once = (names: string[], path: (index: number) => (string | number)[], what: string) => {
      const seen = new Set<string>();
      names.forEach((name, index) => {
        if (seen.has(name))
          context.addIssue({ code: "custom", path: path(index), message: `${what} "${name}" is listed twice.` });
        seen.add(name);
      });
    };
    once(
      document.apis.map((api) => api.name),
      (i) => ["apis", i, "name"],
      "The API",
    );
    const scopePaths = document.apis.flatMap((api, a) =>
      api.scopes.map((scope, s) => ({ name: scope.name, path: ["apis", a, "scopes", s, "name"] })),
    );
    once(
      scopePaths.map((entry) => entry.name),
      (i) => scopePaths[i].path,
      "The scope",
    );
    once(
      document.clients.map((client) => client.clientId),
      (i) => ["clients", i, "clientId"],
      "The client",
    );
  });
export type ConfigDocument = z.output<typeof ZConfigDocument>;
export type ConfigApi = ConfigDocument["apis"][number];
export type ConfigScope = ConfigApi["scopes"][number];
export type ConfigClient = ConfigDocument["clients"][number];

export const CONFIG_RESOURCES = ["settings", "api", "scope", "client"] as const;
export type ConfigResource = (typeof CONFIG_RESOURCES)[number];

/** The plan's and apply's fingerprint: the SHA-256 of the part of the console's state the plan read. */
const FINGERPRINT = /^[0-9a-f]{64}$/;

/** One change of a plan: a field's value before and after (null before a create, after a delete). */
export const ZPlannedChange = z.object({
  action: z.enum(["create", "update", "delete"]),
  resourceType: z.enum(CONFIG_RESOURCES),
  name: z.string().describe("The API's or scope's name, the client's clientId, or settings."),
  fields: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })),
  impact: ZScopeImpact.optional().describe(
    "A deletion's reach: what the scope lifecycle computes for a delete of the console.",
  ),
});
export type PlannedChange = z.infer<typeof ZPlannedChange>;

export const ZConfigPlan = z.object({
  fingerprint: z
    .string()
    .regex(FINGERPRINT)
    .describe("The console's state the plan was made from: apply refuses it once that state changed."),
  changes: z.array(ZPlannedChange),
});
export type ConfigPlan = z.infer<typeof ZConfigPlan>;

/** What apply answers: the changes made, in the plan's shape. */
export const ZAppliedConfig = ZConfigPlan.extend({
  secrets: z
    .array(z.object({ clientId: z.string(), clientSecret: z.string() }))
    .describe("The secrets of the confidential clients it created: shown this once, stored only hashed."),
});
export type AppliedConfig = z.infer<typeof ZAppliedConfig>;

export const ZApplyQuery = z.object({
  fingerprint: z
    .string({ error: "fingerprint is required: the plan's." })
    .regex(FINGERPRINT, "fingerprint must be a plan's."),
});
