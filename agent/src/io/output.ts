import type { Writable } from "node:stream";

/**
 * Buffered line output: callers append synchronously (from reassembler callbacks), and the
 * pipeline awaits `drain()` between input chunks so a slow reader of our stdout holds the input
 * back instead of letting output pile up in memory.
 */
export class LineOutput {
  private readonly out: Writable;
  private parts: string[] = [];
  private size = 0;
  private readonly flushAt: number;
  private readonly flushPieces: number;

  constructor(out: Writable, flushAt = 1 << 14) {
    this.out = out;
    this.flushAt = flushAt;
    // Pieces are ~10 characters on average: flush by count too, so a batch stays near flushAt.
    this.flushPieces = Math.max(64, flushAt >> 3);
  }

  /** Append one line (without its newline). */
  line(text: string): void {
    this.parts.push(text, "\n");
    this.size += text.length + 1;
    if (this.size >= this.flushAt) this.writeOut();
  }

  /** The buffer to append pieces of the current line to directly; finish with `endLine`. */
  pieces(): string[] {
    return this.parts;
  }

  /** End the line built in `pieces()`; flushes when the batch is big enough. */
  endLine(): void {
    this.parts.push("\n");
    if (this.parts.length >= this.flushPieces) this.writeOut();
  }

  /** Write what is buffered; resolve once the stream can take more. */
  async drain(): Promise<void> {
    const ok = this.writeOut();
    if (!ok) await new Promise<void>((resolve) => this.out.once("drain", resolve));
  }

  /** Final flush; resolves when the stream has taken everything. */
  async close(): Promise<void> {
    this.writeOut();
    await new Promise<void>((resolve, reject) => {
      this.out.write("", (err) => (err ? reject(err) : resolve()));
    });
  }

  private writeOut(): boolean {
    if (this.parts.length === 0) return !this.out.writableNeedDrain;
    const text = this.parts.join("");
    this.parts = [];
    this.size = 0;
    return this.out.write(text);
  }
}
