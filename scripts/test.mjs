#!/usr/bin/env node
// `npm test`: type-check, lint, unit and integration tests (embedded database, and the
// PostgreSQL server of TEST_DATABASE_URL when set), production build, end-to-end tests in
// Chromium. Every step runs even when an earlier one failed (the end-to-end tests need the
// build); the last line counts the tests and steps: `N passed, N failed`.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";

const RESULTS = ".test-results";
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
let passed = 0;
let failed = 0;

function run(title, command, args) {
  console.log(`\n=== ${title} ===`);
  const { status } = spawnSync(command, args, { stdio: "inherit", env });
  return status === 0;
}

function step(title, command, args) {
  const ok = run(title, command, args);
  if (ok) passed++;
  else failed++;
  return ok;
}

/** Counts a runner's tests from its JSON report; a run that wrote none counts as one failure. */
function countTests(ok, report, count) {
  if (!existsSync(report)) {
    failed += 1;
    return;
  }
  const { pass, fail } = count(JSON.parse(readFileSync(report, "utf8")));
  passed += pass;
  failed += fail + (ok || fail > 0 ? 0 : 1);
}

function ensureChromium() {
  if (existsSync(CHROMIUM)) return true;
  const install = "apt-get update && apt-get install -y chromium";
  if (process.getuid?.() !== 0) {
    console.error(`Chromium is missing at ${CHROMIUM}. Install it with:\n  sudo sh -c '${install}'`);
    return false;
  }
  console.log("Installing Debian's Chromium for the end-to-end tests...");
  return run("install Chromium", "sh", ["-c", `${install} >/dev/null`]) && existsSync(CHROMIUM);
}

rmSync(RESULTS, { recursive: true, force: true });
mkdirSync(RESULTS, { recursive: true });
if (!process.env.TEST_DATABASE_URL) {
  console.log("TEST_DATABASE_URL is not set: tests run on the embedded database only.");
}

step("type-check", "npx", ["tsc", "--noEmit"]);
step("lint", "npx", ["biome", "check", "."]);
// The import rules of the two stacks and their floor (.dependency-cruiser.cjs).
step("import rules", "npm", ["run", "--silent", "lint:imports"]);
const vitestOk = run("unit and integration tests", "npx", ["vitest", "run"]);
countTests(vitestOk, `${RESULTS}/vitest.json`, (report) => ({
  pass: report.numPassedTests,
  fail: report.numFailedTests,
}));
const built = step("production build", "npx", ["next", "build"]);
if (!built) {
  failed++;
  console.error("Skipping the end-to-end tests: the build failed.");
} else if (!ensureChromium()) {
  failed++;
} else {
  const e2eOk = run("end-to-end tests (Chromium)", "npx", ["playwright", "test"]);
  countTests(e2eOk, `${RESULTS}/playwright.json`, (report) => ({
    pass: report.stats.expected + report.stats.flaky,
    fail: report.stats.unexpected,
  }));
}

const summary = `${passed} passed, ${failed} failed`;
writeFileSync(`${RESULTS}/summary.txt`, `${summary}\n`);
console.log(`\n${summary}`);
process.exit(failed === 0 ? 0 : 1);
