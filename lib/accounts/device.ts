// What the sessions page calls a browser: a short summary of its User-Agent at sign-in ("Firefox
// on Windows"), not the header itself, which is long, and which a person does not recognise.

/** Longest summary stored (Session.device). */
export const DEVICE_MAX_LENGTH = 200;

/** Checked in order: Edge and Opera say Chrome too, Chrome says Safari too. */
const BROWSERS: [RegExp, string][] = [
  [/\bEdg(e|A|iOS)?\//, "Edge"],
  [/\b(OPR|Opera)\//, "Opera"],
  [/\b(Firefox|FxiOS)\//, "Firefox"],
  [/\b(HeadlessChrome|Chrome|Chromium|CriOS)\//, "Chrome"],
  [/\bVersion\/[\d.]+.*\bSafari\//, "Safari"],
  [/\bcurl\//, "curl"],
];

/** Checked in order: Android says Linux too, iOS says Mac OS X too. */
const SYSTEMS: [RegExp, string][] = [
  [/\b(iPhone|iPad|iPod)\b/, "iOS"],
  [/\bAndroid\b/, "Android"],
  [/\bCrOS\b/, "ChromeOS"],
  [/\bWindows\b/, "Windows"],
  [/\bMac OS X\b|\bMacintosh\b/, "macOS"],
  [/\bLinux\b/, "Linux"],
];

const first = (list: [RegExp, string][], header: string) => list.find(([pattern]) => pattern.test(header))?.[1];

/** "Browser on system", whichever of them is known, or "Unknown device". */
export function deviceOf(userAgent: string | null | undefined): string {
  const header = userAgent ?? "";
  const browser = first(BROWSERS, header);
  const system = first(SYSTEMS, header);
  const summary = browser && system ? `${browser} on ${system}` : (browser ?? system ?? "Unknown device");
  return summary.slice(0, DEVICE_MAX_LENGTH);
}
