import { describe, expect, it } from "vitest";
import { formatDuration, parseDuration } from "@/lib/duration";

describe("durations in human units", () => {
  it.each([
    ["10 min", 600],
    ["1 h", 3_600],
    ["180 d", 15_552_000],
    ["730 days", 63_072_000],
    ["1h 30m", 5_400],
    ["1 hour, 30 minutes", 5_400],
    ["90", 90],
    ["60 s", 60],
    [" 2 D ", 172_800],
    ["2 weeks", 1_209_600],
    ["1.5 h", 5_400],
    [".5 min", 30],
    ["1 y", 31_536_000],
    ["1 month", 2_592_000],
    ["1h30m", 5_400],
    ["PT10M", 600],
    ["pt1h30m", 5_400],
    ["P1Y", 31_536_000],
    ["P2W", 1_209_600],
    ["P1DT12H", 129_600],
    ["PT0.5H", 1_800],
  ])("parses %j as %i seconds", (text, seconds) => expect(parseDuration(text)).toBe(seconds));

  it.each([
    "",
    "ten minutes",
    "10 fortnights",
    "-5 min",
    "1.5 s",
    "1.5",
    "h",
    "10 min x",
    "P",
    "PT",
    "P1DT",
    "PT10X",
    "P10M5Y",
  ])("refuses %j", (text) => expect(parseDuration(text)).toBeNull());

  it.each([
    [600, "10 min"],
    [3_600, "1 h"],
    [86_400, "1 d"],
    [15_552_000, "180 d"],
    [5_400, "1 h 30 min"],
    [90, "1 min 30 s"],
    [0, "0 s"],
  ])("formats %i seconds as %j", (seconds, text) => expect(formatDuration(seconds)).toBe(text));

  it("round-trips every formatted value", () => {
    for (const seconds of [1, 59, 61, 3_599, 3_601, 86_399, 90_061, 63_072_000]) {
      expect(parseDuration(formatDuration(seconds))).toBe(seconds);
    }
  });
});
