/** POST /v1/clients: admin rights on a client bound to an analyzer need "force": true. */
import { describe, expect, it } from "vitest";
import { exportPublicKeyRaw, generateKeyPair } from "../../schema/signature.ts";
import { counts, expectNothingStored, makeClient, problem, send, uniq } from "./helpers.ts";

const key = async () => exportPublicKeyRaw((await generateKeyPair()).publicKey);

describe("analyzer-bound clients with admin permissions", () => {
  it("refuses admin:r or admin:w on an analyzer-bound client (409), stores nothing", async () => {
    const admin = await makeClient(["admin:w"], { analyzerId: null });
    const before = await counts();
    for (const permissions of [["idmef:w", "admin:w"], ["admin:r"], ["idmef:w", "admin:r", "admin:w"]]) {
      const res = await send(admin, "POST", "/v1/clients", { body: JSON.stringify({ client_id: uniq("h"), analyzer_id: uniq("an"), public_key: await key(), permissions }) });
      expect(res.status, permissions.join()).toBe(409);
      const p = await problem(res);
      expect(p.type).toBe("urn:idmef-edge:problem:admin-on-analyzer");
      expect(p.detail).toContain('"force": true');
    }
    await expectNothingStored(before);
  });

  it("allows it with force, and allows admin rights on a client without an analyzer", async () => {
    const admin = await makeClient(["admin:w"], { analyzerId: null });
    const forced = await send(admin, "POST", "/v1/clients", {
      body: JSON.stringify({ client_id: uniq("h"), analyzer_id: uniq("an"), public_key: await key(), permissions: ["idmef:w", "admin:w"], force: true }),
    });
    expect(forced.status).toBe(201);
    expect(await forced.json()).toMatchObject({ permissions: ["idmef:w", "admin:w"] });
    const operator = await send(admin, "POST", "/v1/clients", { body: JSON.stringify({ client_id: uniq("op"), public_key: await key(), permissions: ["admin:r", "admin:w"] }) });
    expect(operator.status).toBe(201);
    const agent = await send(admin, "POST", "/v1/clients", { body: JSON.stringify({ client_id: uniq("ag"), analyzer_id: uniq("an"), public_key: await key(), permissions: ["idmef:w"], force: false }) });
    expect(agent.status).toBe(201);
    const badForce = await send(admin, "POST", "/v1/clients", { body: JSON.stringify({ client_id: uniq("ag"), public_key: await key(), permissions: ["idmef:w"], force: "yes" }) });
    expect(badForce.status).toBe(400);
  });
});
