/**
 * Dead-letter file: messages the server refused as invalid, one JSON line each with the server's
 * reason, so an operator can inspect (and re-inject) them. Appended and fsync'd before the
 * messages leave the spool: a crash in between gives a repeated line, never a lost message.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from "node:fs";
import { dirname } from "node:path";

export interface DeadLetter {
  /** When the agent dead-lettered it (RFC 3339). */
  time: string;
  /** HTTP status of the answer that refused it. */
  status: number;
  /** The server's reason: the `rejected[].error` entry or the problem+json detail/title. */
  reason: string;
  /** The message as it was sent. */
  message: unknown;
}

export class DeadLetterFile {
  readonly path: string;
  #count = 0;

  constructor(path: string) {
    this.path = path;
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  }

  /** Append entries durably. */
  write(entries: DeadLetter[]): void {
    if (entries.length === 0) return;
    const text = entries.map((e) => JSON.stringify(e) + "\n").join("");
    const fd = openSync(this.path, "a", 0o600);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    this.#count += entries.length;
  }

  /** Messages dead-lettered by this process. */
  get count(): number {
    return this.#count;
  }
}

/** Read a dead-letter file back (tests, operators' scripts). */
export function readDeadLetters(path: string): DeadLetter[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return [];
  }
  return text
    .split("\n")
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as DeadLetter);
}
