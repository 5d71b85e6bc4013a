// Reusable byte buffers for the chunks and results passed between the main thread and the
// workers of `eval --input`. Buffers are transferred back and forth instead of being allocated
// per chunk: memory allocated in one thread and freed in another is not given back to the
// system promptly (allocator arenas, external memory the garbage collector sees late), so
// without reuse the resident size grew with the length of the input.

/** Smallest buffer allocated: a read chunk (1 MiB) plus the carried-over start of a line. */
const MIN_BYTES = 2 * 1024 * 1024;
/** Free buffers kept; more are left to the garbage collector. */
const MAX_FREE = 8;

export interface BufferPool {
  /** A view of `size` bytes at the start of a buffer of its own (transferable). */
  take(size: number): Uint8Array;
  /** Returns a buffer for reuse (one that was taken, or one transferred back). */
  give(buffer: ArrayBuffer): void;
}

export function createBufferPool(): BufferPool {
  const free: ArrayBuffer[] = [];
  return {
    take(size) {
      const index = free.findIndex((buffer) => buffer.byteLength >= size);
      const buffer =
        index === -1 ? new ArrayBuffer(Math.max(size, MIN_BYTES)) : free.splice(index, 1)[0]!;
      return new Uint8Array(buffer, 0, size);
    },
    give(buffer) {
      if (buffer.byteLength > 0 && free.length < MAX_FREE) free.push(buffer);
    },
  };
}
