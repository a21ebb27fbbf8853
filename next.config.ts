import type { NextConfig } from "next";
import { contentSecurityPolicy, SECURITY_HEADERS } from "./lib/http/csp";

/**
 * Headers of every console response (lib/http/csp.ts). The Content Security Policy here has no
 * nonce, so it allows no inline script: it stays on the JSON API and static files, and proxy.ts
 * replaces it on every page with the same policy carrying the page's nonce.
 */
const headers = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy() },
  ...Object.entries(SECURITY_HEADERS).map(([key, value]) => ({ key, value })),
];

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  async headers() {
    return [{ source: "/:path*", headers }];
  },
};

export default nextConfig;
