// The fields of an audit event as people read them: the label the console's forms give the field
// and its value in human units ("Access token lifetime: 1 min 30 s → 1 h 30 min").
import { valueText } from "@/lib/audit/changes";
import { formatDuration } from "@/lib/duration";
import { SCOPE_FLAG_LABELS } from "@/lib/scopes/schemas";
import { SETTINGS_FIELDS } from "@/lib/settings/schemas";
import { humanInstant, secondsOf } from "@/lib/time/epoch";

/** The label of each audited field; a field name means the same thing on every resource. */
const FIELD_LABELS: Record<string, string> = {
  ...Object.fromEntries(SETTINGS_FIELDS.map(({ key, label }) => [key, label])),
  ...SCOPE_FLAG_LABELS,
  showInDiscoveryDocument: "Show in discovery document",
  id: "ID",
  name: "Name",
  displayName: "Display Name",
  description: "Description",
  documentationUrl: "Documentation URL",
  lifecycle: "Lifecycle",
  deprecatedAt: "Deprecated",
  sunsetAt: "Sunset",
  replacedBy: "Replaced by",
  deprecationNote: "Deprecation note",
  apiId: "API",
  scopeCount: "Scopes",
  clientId: "Client ID",
  type: "Type",
  redirectUris: "Redirect URIs",
  postLogoutRedirectUris: "Post-logout redirect URIs",
  allowedScopes: "Allowed scopes",
  allowedGrantTypes: "Allowed grant types",
  hasSecret: "Secret",
  email: "Email",
  role: "Role",
  apiIds: "APIs",
  disabled: "Disabled",
  disabledAt: "Disabled",
};

/** "accessTokenLifetime" -> "Access token lifetime"; a field without a label shows its name. */
export const fieldLabel = (field: string) => FIELD_LABELS[field] ?? field;

const isLifetime = (field: string) => field.endsWith("Lifetime");
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A field's value: lifetimes in human units (blank inherits), yes/no, moments as dates, lists joined. */
export function fieldValueText(field: string, value: unknown): string {
  if (isLifetime(field) && typeof value === "number") return formatDuration(value);
  if (isLifetime(field) && value === null) return "Inherited";
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (typeof value === "string" && ISO_INSTANT.test(value)) return humanInstant(secondsOf(new Date(value)));
  return valueText(value);
}
