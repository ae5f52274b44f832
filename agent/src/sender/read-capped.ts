/**
 * Reading an answer with a ceiling. The agent's answers are a few hundred bytes (a summary or a
 * problem+json); a server (or whoever answers in its place) sending megabytes must not make a
 * long-lived root process buffer them. Over the cap the connection is dropped and the answer
 * counts as a server fault: the sender retries, nothing leaves the spool.
 */
import type { Readable } from "node:stream";

/** Largest answer the agent reads for a request without messages (check) or any problem+json. */
export const MAX_ANSWER_BYTES = 64 * 1024;
/** Extra room per message sent: a 2xx lists one rejection (index, id, reason) per bad message. */
export const ANSWER_BYTES_PER_MESSAGE = 2 * 1024;

/** The cap for the answer to a batch of `messages`: a whole-batch rejection must still fit. */
export const answerLimit = (messages: number): number => MAX_ANSWER_BYTES + messages * ANSWER_BYTES_PER_MESSAGE;

export class AnswerTooLarge extends Error {}

/** The body as UTF-8 text, or AnswerTooLarge once it passes `maxBytes` (the rest is never read). */
export async function readCapped(
  body: Readable,
  headers: Record<string, string | string[] | undefined> = {},
  maxBytes = MAX_ANSWER_BYTES,
): Promise<string> {
  const tooLarge = (n: number | string) => new AnswerTooLarge(`answer of ${n} bytes is over the ${maxBytes}-byte limit`);
  const declared = Number(headers["content-length"]);
  if (declared > maxBytes) {
    body.destroy();
    throw tooLarge(declared);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      body.destroy();
      throw tooLarge(`more than ${size}`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}
