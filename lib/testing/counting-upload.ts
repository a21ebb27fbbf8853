// A chunked upload (no Content-Length) that counts how much of it a reader pulled: tests of the
// body limit show with it that a reader stops at the limit rather than reading everything.
/** A chunked upload of `total` bytes (no Content-Length) that counts what the reader pulled. */
export function countingUpload(total: number, chunkBytes = 64 * 1024) {
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= total) return controller.close();
      pulled += chunkBytes;
      controller.enqueue(new Uint8Array(chunkBytes).fill(0x61));
    },
  });
  return { stream, pulled: () => pulled };
}
