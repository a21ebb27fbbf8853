// The import rules of docs/decisions/005-one-floor-under-two-stacks.md, checked by `npm run lint`
// (and so by `npm test`). Two stacks stand side by side on one floor:
//   console:  app/, components/, lib/{api,apis,audit,auth,client,clients,config-file,openapi,scopes,seed,settings,token-preview,users}
//   protocol: lib/oauth/
//   floor:    lib/{accounts,config,db,http,issuing,rate-limit,secrets,time} and lib/*.ts
//   usage:    lib/usage: console services, except the recorder (and the days and settings it reads),
//             which the protocol stack calls and which stays off the console.
//   cli:      lib/cli (and bin/, which starts it): a client of the HTTP API, run wherever the
//             document is kept; it imports the server's types only, and of its code the pure lib/duration.ts.
// The floor imports neither stack; neither stack imports the other. Only the composition root
// (server.ts, lib/server/, scripts/, bench/ and the tests) wires both.
const CONSOLE =
  "^(app|components|lib/(api|apis|audit|auth|client|clients|config-file|openapi|scopes|seed|sessions|settings|token-preview|users))/";
const PROTOCOL = "^lib/oauth/";
const FLOOR = "^lib/(accounts|config|db|http|issuing|rate-limit|secrets|time)/|^lib/[^/]+\\.ts$";
/** Usage counting on the protocol path, and the two modules of lib/usage it may import. */
const USAGE_RECORDER = "^lib/usage/(recorder|days|settings)\\.ts$";
const COMPOSITION = "^(server\\.ts|lib/server/|lib/build\\.ts|lib/testing/|scripts/|bench/|tests/|e2e/)";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "protocol-not-console",
      comment: "lib/oauth is the protocol stack: it uses the floor, never the console's services or pages.",
      severity: "error",
      from: { path: PROTOCOL },
      to: { path: CONSOLE },
    },
    {
      name: "console-not-protocol",
      comment:
        "The console reaches the protocol's rules only through the floor (lib/config, lib/accounts, lib/issuing...).",
      severity: "error",
      from: { path: CONSOLE },
      to: { path: PROTOCOL },
    },
    {
      name: "floor-owns-no-stack",
      comment: "The floor is shared by both stacks and owned by neither: it imports neither.",
      severity: "error",
      from: { path: FLOOR, pathNot: "\\.test\\.ts$" },
      to: { path: [CONSOLE, PROTOCOL, COMPOSITION] },
    },
    {
      name: "usage-recorder-not-console",
      comment:
        "lib/usage/recorder.ts counts on the protocol path (lib/oauth uses it): it and what it imports stay off the console.",
      severity: "error",
      from: { path: USAGE_RECORDER },
      to: { path: [CONSOLE, COMPOSITION, "^lib/usage/(?!(days|settings)\\.ts$)"] },
    },
    {
      name: "stacks-not-composition",
      comment: "Only the composition root wires the stacks together; they do not import it.",
      severity: "error",
      from: { path: [CONSOLE, PROTOCOL] },
      to: { path: COMPOSITION },
    },
    {
      name: "issuing-is-pure",
      comment:
        "lib/issuing takes everything as arguments: no database, no Next.js, no other folder of lib but the two that import nothing (lib/duration.ts and lib/time, to explain in human units and dates).",
      severity: "error",
      from: { path: "^lib/issuing/", pathNot: "\\.test\\.ts$" },
      to: { path: "^(lib/(?!issuing/|time/|duration\\.ts$)|next|@prisma|pg$)", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "cli-is-an-http-client",
      comment:
        "lib/cli talks to the console over HTTP only: type-only imports keep it in step with the API's shapes, and at run time it loads nothing of the server but the pure lib/duration.ts.",
      severity: "error",
      from: { path: "^(lib/cli/|bin/)" },
      to: {
        path: "^(app/|components/|lib/(?!cli/|duration\\.ts$)|server\\.ts$|scripts/|bench/|tests/|e2e/)",
        dependencyTypesNot: ["type-only"],
      },
    },
    {
      name: "no-folder-loops",
      comment: "No two folders import each other, directly or round a loop (auth <-> oauth was one).",
      severity: "error",
      scope: "folder",
      from: {},
      to: { circular: true },
    },
    {
      name: "no-module-loops",
      severity: "error",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(lib/generated|node_modules|\\.next)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"] },
  },
};
