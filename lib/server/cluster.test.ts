import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { loadEnv } from "@/lib/env";
import { CORES_LEFT_FOR_THE_REST, workersOf } from "@/lib/server/cluster";

const SERVER = "postgresql://postgres@127.0.0.1:5432/postgres";

describe("WORKERS", () => {
  it("defaults to one on the embedded database and to the cores but the rest's on a server, at least one", () => {
    expect(workersOf(loadEnv({}))).toBe(1);
    expect(workersOf(loadEnv({ DATABASE_URL: SERVER }))).toBe(
      Math.max(1, availableParallelism() - CORES_LEFT_FOR_THE_REST),
    );
  });

  it("is what it says on a server; several on the embedded database are refused at start", () => {
    expect(workersOf(loadEnv({ DATABASE_URL: SERVER, WORKERS: "3" }))).toBe(3);
    expect(workersOf(loadEnv({ WORKERS: "1" }))).toBe(1);
    expect(() => workersOf(loadEnv({ WORKERS: "2" }))).toThrow(/WORKERS=2 needs a PostgreSQL server/);
  });

  it.each(["0", "-1", "1.5", "many", "257"])("WORKERS=%s is an invalid configuration", (workers) => {
    expect(() => loadEnv({ WORKERS: workers })).toThrow(/Invalid configuration:\n {2}WORKERS:/);
  });
});
