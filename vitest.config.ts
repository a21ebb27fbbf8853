import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;
const integration = (name: string, setup: string) => ({
  extends: true as const,
  test: {
    name,
    include: ["tests/integration/**/*.test.ts"],
    globalSetup: [`tests/integration/${setup}`],
    setupFiles: ["tests/integration/setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});

export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      "server-only": path.join(root, "lib/testing/server-only-stub.ts"),
    },
  },
  test: {
    reporters: ["default", "json"],
    outputFile: { json: ".test-results/vitest.json" },
    projects: [
      { extends: true, test: { name: "unit", include: ["lib/**/*.test.ts"] } },
      integration("integration (embedded)", "global-setup-embedded.ts"),
      // The same tests against a PostgreSQL server, when one is given.
      ...(process.env.TEST_DATABASE_URL ? [integration("integration (postgres)", "global-setup-postgres.ts")] : []),
    ],
  },
});
