// The result lines of a batch as UTF-8 in a buffer of the pool. Text lines are gathered a few
// kilobytes at a time and then encoded: one string for the whole batch (a megabyte) cost more to
// flatten and encode than answering the lines did, and went to the old generation of the heap.
// Ordinary results are written as bytes directly (serialize-outcome.ts).
import type { BufferPool } from "./buffer-pool.js";

/** Characters of text lines gathered before they are encoded (small enough for the young heap). */
const ENCODE_CHARS = 16 * 1024;

/** Result lines encoded into a pool buffer, grown (by copying) when a batch needs more. */
export class ResultBytes {
  #pool: BufferPool;
  #bytes: Buffer;
  #length = 0;
  #pending = "";

  constructor(pool: BufferPool) {
    this.#pool = pool;
    this.#bytes = Buffer.from(pool.take(0).buffer);
  }

  /** Adds a line given as text (the newline is added). */
  add(line: string): void {
    this.#pending += `${line}\n`;
    if (this.#pending.length >= ENCODE_CHARS) this.#encode();
  }

  /** Makes room for `size` more bytes, written with the put methods below. */
  reserve(size: number): void {
    if (this.#pending.length > 0) this.#encode();
    if (this.#length + size > this.#bytes.length) this.#grow(this.#length + size);
  }

  putBytes(bytes: Uint8Array): void {
    this.#bytes.set(bytes, this.#length);
    this.#length += bytes.length;
  }

  putByte(byte: number): void {
    this.#bytes[this.#length++] = byte;
  }

  /** Text as UTF-8: reserve three bytes per UTF-16 code unit. */
  putText(text: string): void {
    this.#length += this.#bytes.write(text, this.#length);
  }

  /** A non-negative integer below 2^53, in decimal. */
  putDigits(value: number): void {
    let digits = 1;
    for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits++;
    const bytes = this.#bytes;
    let at = this.#length + digits;
    this.#length = at;
    let rest = value;
    do {
      bytes[--at] = 48 + (rest % 10);
      rest = Math.floor(rest / 10);
    } while (rest > 0);
  }

  /** The bytes, a view of the start of a buffer taken from the pool (give it back once written). */
  finish(): Uint8Array {
    this.#encode();
    return new Uint8Array(this.#bytes.buffer, 0, this.#length);
  }

  #encode(): void {
    const text = this.#pending;
    if (text.length === 0) return;
    this.#pending = "";
    // A UTF-16 code unit takes at most three bytes in UTF-8.
    const needed = this.#length + text.length * 3;
    if (needed > this.#bytes.length) this.#grow(needed);
    this.#length += this.#bytes.write(text, this.#length);
  }

  #grow(needed: number): void {
    const grown = Buffer.from(this.#pool.take(Math.max(needed, this.#bytes.length * 2)).buffer);
    grown.set(this.#bytes.subarray(0, this.#length));
    this.#pool.give(this.#bytes.buffer as ArrayBuffer);
    this.#bytes = grown;
  }
}
