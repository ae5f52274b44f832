import { execFileSync } from "node:child_process";
import { expect, it } from "vitest";

it("idmef-agent --help prints usage", () => {
  const out = execFileSync(process.execPath, ["agent/bin/idmef-agent.mjs", "--help"], { encoding: "utf8" });
  expect(out).toMatch(/usage: idmef-agent/);
});
