import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { idmefTime } from "../../schema/idmef-wire.ts";

const reference = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

describe("idmefTime (cached up to the second)", () => {
  it("matches Date formatting, in any order of calls, across seconds and edge values", () => {
    for (const ms of [0, 1, 999, 1000, 1795407047072, 1795407047072.9, 1795407047999, 1795407048000, 253402300799999, -1, 253402300800000]) {
      expect(idmefTime(ms)).toBe(reference(ms));
    }
    fc.assert(fc.property(fc.array(fc.integer({ min: -1e12, max: 3e14 }), { maxLength: 50 }), (xs) => xs.every((ms) => idmefTime(ms) === reference(ms))));
  });
});
