import { and, eq, isNull } from "drizzle-orm";
import { expect, it } from "vitest";
import { countQueries } from "@/db/client";
import { createApiToken, findUserByTokenHash } from "@/db/queries/api-tokens";
import { createSession, currentSessionUser, LAST_SEEN_RESOLUTION_MS, listSessions, revokeAllCredentials, revokeSession, touchSession } from "@/db/queries/sessions";
import { bumpSessionVersion, createUser, deleteUser } from "@/db/queries/users";
import { apiTokens, sessions } from "@/db/schema";
import { describeEachDb } from "../harness";

let n = 0;
const newUser = () => ({ email: `session-${++n}-${Date.now()}@example.com`, name: "Sam Session", passwordHash: "$argon2id$test", timezone: "UTC" });
const DAY = 24 * 3600_000;

describeEachDb("sessions: one row per sign-in (ASVS 7.4.1)", (ctx) => {
  it("a session works until it is revoked; revoking it leaves the holder's other sessions alone", async () => {
    const db = ctx.handle.db;
    const user = (await createUser(db, newUser()))!;
    const laptop = await createSession(db, user.id, "Mozilla/5.0 (Laptop)");
    const phone = await createSession(db, user.id, "Mozilla/5.0 (Phone)");
    expect((await currentSessionUser(db, user.id, 1, laptop))?.user.id).toBe(user.id);
    expect(await revokeSession(db, user.id, laptop)).toBe(true);
    expect(await revokeSession(db, user.id, laptop)).toBe(false);
    expect(await currentSessionUser(db, user.id, 1, laptop)).toBeNull();
    expect((await currentSessionUser(db, user.id, 1, phone))?.user.id).toBe(user.id);
  });

  it("needs the right user, the current session version and a well-formed id", async () => {
    const db = ctx.handle.db;
    const user = (await createUser(db, newUser()))!;
    const other = (await createUser(db, newUser()))!;
    const sid = await createSession(db, user.id, null);
    // Another holder's id with this session, or this session under another holder: refused.
    expect(await currentSessionUser(db, other.id, 1, sid)).toBeNull();
    expect(await revokeSession(db, other.id, sid)).toBe(false);
    expect(await currentSessionUser(db, user.id, 2, sid)).toBeNull();
    expect(await currentSessionUser(db, user.id, 1, "not-a-uuid")).toBeNull();
    expect(await currentSessionUser(db, user.id, 1, "00000000-0000-4000-8000-000000000000")).toBeNull();
    await bumpSessionVersion(db, user.id);
    expect(await currentSessionUser(db, user.id, 1, sid)).toBeNull();
    expect((await currentSessionUser(db, user.id, 2, sid))?.user.id).toBe(user.id);
  });

  it("checks the user, the session version and the session row in one query", async () => {
    const db = ctx.handle.db;
    const user = (await createUser(db, newUser()))!;
    const sid = await createSession(db, user.id, "UA");
    const { result, count, queries } = await countQueries(() => currentSessionUser(db, user.id, 1, sid));
    expect(result?.user.id).toBe(user.id);
    expect(count, queries.join("\n")).toBe(1);
  });

  it("asks for a last-seen write at most once an hour", async () => {
    const db = ctx.handle.db;
    const user = (await createUser(db, newUser()))!;
    const start = new Date("2026-11-26T08:00:00Z");
    const sid = await createSession(db, user.id, "UA", start);
    expect((await currentSessionUser(db, user.id, 1, sid, new Date(start.getTime() + 60_000)))?.touch).toBe(false);
    const later = new Date(start.getTime() + LAST_SEEN_RESOLUTION_MS + 1);
    expect((await currentSessionUser(db, user.id, 1, sid, later))?.touch).toBe(true);
    await touchSession(db, sid, later);
    expect((await currentSessionUser(db, user.id, 1, sid, new Date(later.getTime() + 60_000)))?.touch).toBe(false);
  });

  it("revokeAllCredentials ends every session and every API token of the holder, and no one else's", async () => {
    const db = ctx.handle.db;
    const user = (await createUser(db, newUser()))!;
    const bystander = (await createUser(db, newUser()))!;
    const mine = [await createSession(db, user.id, "a"), await createSession(db, user.id, "b")];
    const theirs = await createSession(db, bystander.id, "c");
    await revokeSession(db, user.id, mine[0]!);
    const hash = `hash-${n}-${Date.now()}`;
    await createApiToken(db, user.id, { name: "script", tokenHash: hash, prefix: "rct_x" });
    await createApiToken(db, bystander.id, { name: "theirs", tokenHash: `${hash}-b`, prefix: "rct_y" });
    expect((await findUserByTokenHash(db, hash))?.user.id).toBe(user.id);

    expect(await revokeAllCredentials(db, user.id)).toEqual({ sessions: 1, tokens: 1 });
    for (const sid of mine) expect(await currentSessionUser(db, user.id, 1, sid)).toBeNull();
    expect(await findUserByTokenHash(db, hash)).toBeNull();
    expect((await currentSessionUser(db, bystander.id, 1, theirs))?.user.id).toBe(bystander.id);
    expect((await findUserByTokenHash(db, `${hash}-b`))?.user.id).toBe(bystander.id);
    const live = await db.select().from(apiTokens).where(and(eq(apiTokens.userId, user.id), isNull(apiTokens.revokedAt)));
    expect(live).toEqual([]);
  });

  it("lists the live sessions within the lifetime, and deleting the account removes its rows", async () => {
    const db = ctx.handle.db;
    const user = (await createUser(db, newUser()))!;
    const now = new Date();
    const old = await createSession(db, user.id, "old", new Date(now.getTime() - 40 * DAY));
    const live = await createSession(db, user.id, "x".repeat(400), now);
    const gone = await createSession(db, user.id, "gone", now);
    await revokeSession(db, user.id, gone);
    const listed = await listSessions(db, user.id, 30 * DAY, now);
    expect(listed.map((s) => s.id)).toEqual([live]);
    expect(listed[0]?.userAgent).toHaveLength(256);
    expect(old).not.toBe(live);
    await deleteUser(db, user.id);
    expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toEqual([]);
  });
});
