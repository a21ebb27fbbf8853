#!/usr/bin/env node
// Runs the Prisma CLI offline. With `engine: "js"` Prisma never executes its native engines,
// but the CLI still looks for their files before any command and would try to download them.
// Pointing it at an existing placeholder file skips that download.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const placeholder = fileURLToPath(new URL("./prisma-engine-placeholder.txt", import.meta.url));
export const prismaEnv = {
  PRISMA_SCHEMA_ENGINE_BINARY: placeholder,
  PRISMA_QUERY_ENGINE_LIBRARY: placeholder,
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  CHECKPOINT_DISABLE: "1",
};

export function runPrisma(args, env = {}) {
  const cli = require.resolve("prisma/build/index.js");
  const result = spawnSync(process.execPath, [cli, ...args], {
    stdio: "inherit",
    env: { ...process.env, ...prismaEnv, ...env },
  });
  return result.status ?? 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exit(runPrisma(process.argv.slice(2)));
}
