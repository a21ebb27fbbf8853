// Every reader of a request body stops at its limit whatever the framing: a 100 MB chunked body
// (no Content-Length) to the token endpoint, the OAuth sign-in form or the console's JSON API is
// refused after a chunk past the limit, and over real HTTP the process does not grow by it.
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as apisRoute from "@/app/api/apis/route";
import { MAX_JSON_BODY_BYTES } from "@/lib/api/route";
import { authorizeHandlers } from "@/lib/oauth/authorize";
import { MAX_FORM_BYTES } from "@/lib/oauth/http";
import { tokenHandler } from "@/lib/oauth/token";
import { createLeanApp } from "@/lib/server/lean-app";
import { countingUpload } from "@/lib/testing/counting-upload";
import { systemClock } from "@/lib/time/epoch";
import { CONSOLE_ORIGIN } from "./call";
import { testOAuthContext } from "./oauth-context";
import { testAdmin } from "./sessions";

const ISSUER = "http://localhost";
const HUNDRED_MB = 100 * 1024 * 1024;
/** What a reader may pull past its limit: the chunk that crossed it and one the stream had ready. */
const SLACK = 2 * 64 * 1024;

const chunked = (url: string, stream: ReadableStream<Uint8Array>, headers: Record<string, string>) =>
  new Request(url, { method: "POST", body: stream, headers, duplex: "half" } as RequestInit);

describe("a 100 MB chunked body", () => {
  it("POST /oauth/token reads no more than its limit and answers invalid_request", async () => {
    const token = tokenHandler(await testOAuthContext(ISSUER, systemClock));
    const upload = countingUpload(HUNDRED_MB);
    const response = await token(
      chunked(`${ISSUER}/oauth/token`, upload.stream, { "content-type": "application/x-www-form-urlencoded" }),
    );
    expect(response.status).toBe(400);
    expect((await response.json()).error).toBe("invalid_request");
    expect(upload.pulled()).toBeLessThanOrEqual(MAX_FORM_BYTES + SLACK);
  });

  it("the OAuth sign-in form reads no more than its limit and refuses the form", async () => {
    const pages = authorizeHandlers(await testOAuthContext(ISSUER, systemClock));
    const upload = countingUpload(HUNDRED_MB);
    const response = await pages.signIn(
      chunked(`${ISSUER}/oauth/authorize/sign-in`, upload.stream, {
        "content-type": "application/x-www-form-urlencoded",
        origin: ISSUER,
      }),
    );
    expect(response.status).toBe(400);
    expect(upload.pulled()).toBeLessThanOrEqual(MAX_FORM_BYTES + SLACK);
  });

  it("the console's JSON API reads no more than its limit and answers 413", async () => {
    const upload = countingUpload(HUNDRED_MB);
    const request = chunked(`${CONSOLE_ORIGIN}/api/apis`, upload.stream, {
      "content-type": "application/json",
      origin: CONSOLE_ORIGIN,
      cookie: (await testAdmin()).cookie,
    });
    const response = await apisRoute.POST(request, { params: Promise.resolve(undefined as never) });
    expect(response.status).toBe(413);
    expect(upload.pulled()).toBeLessThanOrEqual(MAX_JSON_BODY_BYTES + SLACK);
  });
});

describe("over HTTP, through the lean path's listener", () => {
  let server: Server;
  let port: number;

  beforeAll(async () => {
    const listener = getRequestListener(createLeanApp(await testOAuthContext(ISSUER, systemClock)).fetch);
    server = createServer(listener);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("answers 400 while a 100 MB chunked upload is still being sent, and the process does not hold it", async () => {
    const rssBefore = process.memoryUsage().rss;
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(
        {
          host: "127.0.0.1",
          port,
          path: "/oauth/token",
          method: "POST",
          headers: {
            "content-type": "application/x-www-form-urlencoded",
            "transfer-encoding": "chunked",
          },
        },
        (response) => {
          response.resume();
          request.destroy();
          resolve(response.statusCode ?? 0);
        },
      );
      request.on("error", (error) => (sent >= HUNDRED_MB ? reject(error) : undefined));
      const write = () => {
        while (sent < HUNDRED_MB) {
          sent += chunk.length;
          if (!request.write(chunk)) return void request.once("drain", write);
        }
        request.end();
      };
      write();
    });
    expect(status).toBe(400);
    // The answer came long before the upload was done.
    expect(sent).toBeLessThan(HUNDRED_MB / 4);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(HUNDRED_MB / 4);
  });
});
