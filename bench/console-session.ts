// The benchmarks set up their data through the console's JSON API, as a signed-in admin would.

/** The headers of a console change: JSON, the console's own Origin (CSRF rule) and the session. */
export async function consoleHeaders(base: string, email: string, password: string): Promise<Record<string, string>> {
  const origin = new URL(base).origin;
  const response = await fetch(`${base}/api/session`, {
    method: "POST",
    headers: { "content-type": "application/json", origin },
    body: JSON.stringify({ email, password }),
  });
  const cookie = response.headers.get("set-cookie")?.split(";")[0];
  if (!response.ok || !cookie) throw new Error(`signing in to ${base} failed: ${response.status}`);
  return { "content-type": "application/json", origin, cookie };
}
