import { describe, expect, it } from "vitest";
import { loadEnv } from "@/lib/env";
import { DEFAULT_REFRESH_REUSE_INTERVAL_SECONDS, MAX_REFRESH_REUSE_INTERVAL_SECONDS } from "@/lib/issuing";

const interval = (value?: string) =>
  loadEnv({ NODE_ENV: "test", REFRESH_REUSE_INTERVAL: value }).REFRESH_REUSE_INTERVAL;

describe("loadEnv: REFRESH_REUSE_INTERVAL", () => {
  it("defaults to the short interval, and 0 turns it off", () => {
    expect(interval()).toBe(DEFAULT_REFRESH_REUSE_INTERVAL_SECONDS);
    expect(interval("")).toBe(DEFAULT_REFRESH_REUSE_INTERVAL_SECONDS);
    expect(interval("0")).toBe(0);
    expect(interval("10")).toBe(10);
  });

  it.each(["-1", "1.5", "soon", String(MAX_REFRESH_REUSE_INTERVAL_SECONDS + 1)])("refuses %s", (value) => {
    expect(() => interval(value)).toThrow(/REFRESH_REUSE_INTERVAL/);
  });
});
