/** Signed calls to the idmef-edge API as an operator (undici + schema/signature.ts). */
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { request } from "undici";
import { importPrivateKeyPem, signRequest, type CryptoKey } from "../../../schema/signature.ts";
import { readSecretFile } from "../secret-file.ts";

export class ApiError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

export class AdminApi {
  readonly server: string;
  readonly clientId: string;
  readonly #key: CryptoKey;

  constructor(server: string, clientId: string, key: CryptoKey) {
    this.server = server.replace(/\/+$/, "");
    this.clientId = clientId;
    this.#key = key;
  }

  /** The key file (PKCS#8 PEM) and the client id: `--client-id`, else `admin.json` beside the key. */
  static async open(server: string, keyFile: string, clientId?: string): Promise<AdminApi> {
    const pem = readSecretFile(keyFile, "admin key");
    const key = await importPrivateKeyPem(pem).catch((e: Error) => {
      throw new Error(`${keyFile}: ${e.message}`);
    });
    let id = clientId;
    if (!id) {
      const meta = join(dirname(keyFile), "admin.json");
      try {
        id = (JSON.parse(await readFile(meta, "utf8")) as { client_id?: string }).client_id;
      } catch (e) {
        throw new Error(`no --client-id given and ${meta} is unreadable: ${(e as Error).message}`);
      }
      if (!id) throw new Error(`${meta} has no client_id`);
    }
    return new AdminApi(server, id, key);
  }

  /** One signed request: the status and the answer's text, whatever the status. */
  async send(method: "GET" | "POST" | "PUT" | "DELETE", path: string, body?: unknown): Promise<{ status: number; raw: string }> {
    const url = this.server + path;
    const text = body === undefined ? undefined : JSON.stringify(body);
    const headers = await signRequest({
      method,
      url,
      body: text,
      contentType: text === undefined ? undefined : "application/json",
      keyId: this.clientId,
      privateKey: this.#key,
    });
    try {
      const res = await request(url, { method, headers, body: text, headersTimeout: 30_000, bodyTimeout: 30_000 });
      return { status: res.statusCode, raw: await res.body.text() };
    } catch (e) {
      throw new Error(`${method} ${url}: ${(e as Error).message}`);
    }
  }

  /** One signed request; the parsed JSON answer, or ApiError with the problem's detail. */
  async call<T>(method: "GET" | "POST" | "PUT" | "DELETE", path: string, body?: unknown): Promise<T> {
    const res = await this.send(method, path, body);
    const raw = res.raw;
    let parsed: unknown = null;
    try {
      parsed = raw ? JSON.parse(raw) : null;
    } catch {
      // not JSON: reported below when it matters
    }
    if (res.status >= 400) {
      const p = parsed as { title?: string; detail?: string } | null;
      throw new ApiError(res.status, `${method} ${path}: ${res.status} ${p?.title ?? ""}${p?.detail ? ` — ${p.detail}` : raw ? ` — ${raw.slice(0, 300)}` : ""}`);
    }
    if (parsed === null && raw) throw new Error(`${method} ${path}: answer is not JSON: ${raw.slice(0, 200)}`);
    return parsed as T;
  }
}
