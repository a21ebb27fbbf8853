import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { loadEnv } from "@/lib/env";
import { CORES_LEFT_FOR_THE_REST, workersOf } from "@/lib/server/cluster";

const SERVER = "postgresql://postgres@127.0.0.1:5432/postgres";
/** The configuration of these variables alone, as the process would have it. */
const envOf = (variables: Record<string, string>) => loadEnv(variables as NodeJS.ProcessEnv);

describe("WORKERS", () => {
  it("defaults to one on the embedded database and to the cores but the rest's on a server, at least one", () => {
    expect(workersOf(envOf({}))).toBe(1);
    expect(workersOf(envOf({ DATABASE_URL: SERVER }))).toBe(
      Math.max(1, availableParallelism() - CORES_LEFT_FOR_THE_REST),
    );
  });

  it("is what it says, on a server and on the embedded database", () => {
    expect(workersOf(envOf({ DATABASE_URL: SERVER, WORKERS: "3" }))).toBe(3);
    expect(workersOf(envOf({ WORKERS: "2" }))).toBe(2);
  });

  it.each(["0", "-1", "1.5", "many", "257"])("WORKERS=%s is an invalid configuration", (workers) => {
    expect(() => envOf({ WORKERS: workers })).toThrow(/Invalid configuration:\n {2}WORKERS:/);
  });
});
