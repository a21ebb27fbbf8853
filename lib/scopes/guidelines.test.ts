import { describe, expect, it } from "vitest";
import { displayNameHint, scopeNameHint } from "@/lib/scopes/guidelines";

describe("scope field guidelines", () => {
  it.each(["read_user_data", "update_profile", "admin_access", "openid", "v2_read", ""])(
    "no hint for the name %j",
    (name) => expect(scopeNameHint(name)).toBeNull(),
  );
  it.each(["ReadUserData", "read-user-data", "read:user", "read__data", "_read"])("a hint for the name %j", (name) =>
    expect(scopeNameHint(name)).toMatch(/lowercase with underscores/),
  );
  it.each(["Read User Data", "Update Profile", "Administrative Access", "Read Access to Invoices", ""])(
    "no hint for the display name %j",
    (displayName) => expect(displayNameHint(displayName)).toBeNull(),
  );
  it.each(["read user data", "Read user data", "to Invoices"])("a hint for the display name %j", (displayName) =>
    expect(displayNameHint(displayName)).toMatch(/proper capitalization/),
  );
});
