/** The sender's signer: RFC 9421 over every attempt, with a fresh `created` and nonce each time. */
import { importPrivateKeyPem, signRequest } from "../../../schema/signature.ts";
import type { RequestSigner } from "./sender.ts";

type PrivateKey = Awaited<ReturnType<typeof importPrivateKeyPem>>;

export function makeSigner(keyId: string, privateKey: PrivateKey, clock: () => number = Date.now): RequestSigner {
  return (req) =>
    signRequest({
      method: req.method,
      url: req.url,
      body: req.body,
      contentType: req.headers["content-type"],
      keyId,
      privateKey,
      created: Math.floor(clock() / 1000),
    });
}
