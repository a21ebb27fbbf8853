import { describe, expect, it } from "vitest";
import { BodyTooLargeError, readBodyText } from "@/lib/http/body";
import { countingUpload } from "@/lib/testing/counting-upload";

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request("http://localhost/x", { method: "POST", body, headers, duplex: "half" } as RequestInit);

describe("readBodyText", () => {
  it("reads a body within the limit, in UTF-8", async () => {
    expect(await readBodyText(post("grant_type=é"), 100)).toBe("grant_type=é");
    expect(await readBodyText(new Request("http://localhost/x"), 100)).toBe("");
  });

  it("refuses a declared Content-Length above the limit before reading anything", async () => {
    const upload = countingUpload(1024 * 1024);
    const request = post(upload.stream, { "content-length": String(1024 * 1024) });
    await expect(readBodyText(request, 16 * 1024)).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(upload.pulled()).toBeLessThanOrEqual(64 * 1024);
  });

  it("stops a chunked body of 100 MB at the limit: it pulls a chunk past it, not the rest", async () => {
    const upload = countingUpload(100 * 1024 * 1024);
    await expect(readBodyText(post(upload.stream), 16 * 1024)).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(upload.pulled()).toBeLessThan(256 * 1024);
  });

  it("counts bytes, not characters", async () => {
    await expect(readBodyText(post("é".repeat(60)), 100)).rejects.toBeInstanceOf(BodyTooLargeError);
  });
});
