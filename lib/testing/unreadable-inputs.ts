// What Next.js cannot read, for the tests of the check in front of it (lib/server/unreadable-request.ts):
// the integration test sends them to the check itself, the end-to-end test to the running server.

/** Paths that are not percent-encoded UTF-8: an invalid byte, an encoded surrogate, an overlong form, a cut sequence. */
export const UNDECODABLE_PATHS = [
  "/api/apis/%ff",
  "/api/apis/%ED%A0%80",
  "/api/apis/%C0%AF/scopes",
  "/api/clients/%E2%82/review",
  "/apis/%ff",
  "/apis/%",
];

/** next-router-state-tree values that Next.js's parser refuses: not URI-encoded JSON, or not a router state. */
export const DAMAGED_ROUTER_STATES = [
  "garbage",
  "%7B",
  "%ff",
  "[",
  encodeURIComponent("[1]"),
  encodeURIComponent("[null]"),
  encodeURIComponent(JSON.stringify(["", { children: ["(console)", 1] }])),
  encodeURIComponent(JSON.stringify(["", {}, null, "nonsense"])),
  encodeURIComponent(JSON.stringify(["", {}, null, "refetch", 1, 2])),
];
