// CVE-2025-29927 (GHSA-f82v-jwr5-mffw): Next.js trusted an `x-middleware-subrequest` header from
// any client and skipped middleware for it. Fixed in 12.3.5, 13.5.9, 14.2.25 and 15.2.3; every
// 16.x release came after those fixes, so its line is patched from 16.0.0 on. The console's own
// checks run in its layout and route handlers (e2e/bypass.spec.ts), and Next.js is pinned to an
// exact version so that no install drifts to another one.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** The first release of each major line that is not affected. */
const FIRST_PATCHED: Record<number, string> = { 12: "12.3.5", 13: "13.5.9", 14: "14.2.25", 15: "15.2.3", 16: "16.0.0" };

const root = path.join(import.meta.dirname, "../..");
const readJson = (file: string) => JSON.parse(readFileSync(path.join(root, file), "utf8"));
const parts = (version: string) => version.split(".").map(Number);
const atLeast = (version: string, minimum: string) => {
  const [a, b] = [parts(version), parts(minimum)];
  for (let index = 0; index < 3; index++) if (a[index] !== b[index]) return a[index] > b[index];
  return true;
};

describe("Next.js", () => {
  const installed: string = readJson("node_modules/next/package.json").version;

  it("is pinned to one exact release, the one installed", () => {
    const pinned: string = readJson("package.json").dependencies.next;
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    expect(installed).toBe(pinned);
  });

  it("is at least the first release of its major line patched for CVE-2025-29927", () => {
    const major = parts(installed)[0];
    const minimum = FIRST_PATCHED[major] ?? (major > 16 ? `${major}.0.0` : undefined);
    expect(minimum, `no patched release known for Next.js ${major}.x`).toBeDefined();
    expect(atLeast(installed, minimum as string), `${installed} < ${minimum}`).toBe(true);
  });
});
