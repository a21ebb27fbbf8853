import { describe, expect, it } from "vitest";
import { DEFAULT_REFRESH_REUSE_INTERVAL_SECONDS, withinReuseInterval } from "./index";

describe("withinReuseInterval", () => {
  const rotatedAt = 1_900_000_000;
  const interval = DEFAULT_REFRESH_REUSE_INTERVAL_SECONDS;

  it("holds from the rotation until the interval has passed, not after", () => {
    expect(withinReuseInterval(rotatedAt, rotatedAt, interval)).toBe(true);
    expect(withinReuseInterval(rotatedAt, rotatedAt + interval - 1, interval)).toBe(true);
    expect(withinReuseInterval(rotatedAt, rotatedAt + interval, interval)).toBe(false);
  });

  it("never holds with an interval of 0, even on a clock behind the rotating process's", () => {
    expect(withinReuseInterval(rotatedAt, rotatedAt, 0)).toBe(false);
    expect(withinReuseInterval(rotatedAt, rotatedAt - 5, 0)).toBe(false);
  });
});
