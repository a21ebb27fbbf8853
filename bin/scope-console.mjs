#!/usr/bin/env node
// `npx scope-console ...` (package.json "bin"): the command line of lib/cli/, TypeScript run
// through tsx (a dependency, so a fresh clone runs it after `npm ci`, with no build step).
import { register } from "tsx/esm/api";

register();
const { main } = await import("../lib/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
