// lib/vocabulary.ts is the client-safe home of the studio's words and statuses, but db/ may take
// only types from lib/, so the queries keep their own list of open statuses (and the database its
// enums): these keep each pair equal.
import { describe, expect, it } from "vitest";
import { OPEN_STATUSES as QUERY_OPEN_STATUSES } from "@/db/queries/studio/common";
import { roles } from "@/db/schema";
import { OPEN_STATUSES, ROLE_OPTIONS } from "@/lib/vocabulary";

describe("the vocabulary and the database agree", () => {
  it("on which statuses are open", () => {
    expect([...OPEN_STATUSES]).toEqual([...QUERY_OPEN_STATUSES]);
  });

  it("on the roles, in rank order", () => {
    expect(ROLE_OPTIONS.map((r) => r.value)).toEqual([...roles]);
  });
});
