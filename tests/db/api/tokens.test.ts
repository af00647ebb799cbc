import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { createApiToken, findUserByTokenHash, listApiTokens, revokeApiToken } from "@/db/queries/api-tokens";
import { createUser } from "@/db/queries/users";
import { generateToken, hashToken } from "@/lib/api/tokens";
import { describeEachDb } from "../harness";

describeEachDb("personal access tokens", (ctx) => {
  async function holder(name: string) {
    const u = await createUser(ctx.handle.db, { email: `${name}-${Math.random()}@example.com`, name, passwordHash: "x", timezone: "UTC" });
    if (!u) throw new Error("no user");
    return u;
  }

  it("stores only the sha256 and a display prefix, never the token", async () => {
    const alice = await holder("alice");
    const t = generateToken();
    const row = await createApiToken(ctx.handle.db, alice.id, { name: "laptop", tokenHash: t.tokenHash, prefix: t.prefix });
    const stored = await ctx.handle.db.execute(sql`select token_hash, prefix from api_tokens where id = ${row.id}`);
    const r = (stored as unknown as { rows: { token_hash: string; prefix: string }[] }).rows[0]!;
    expect(r.token_hash).toBe(hashToken(t.token));
    expect(r.token_hash).not.toContain(t.token.slice(4));
    expect(t.token.startsWith(r.prefix)).toBe(true);
    expect(r.prefix.length).toBeLessThan(12);
    const all = await ctx.handle.db.execute(sql`select * from api_tokens`);
    expect(JSON.stringify(all)).not.toContain(t.token);
  });

  it("finds the holder by hash, records last use at most once a minute, and forgets a revoked token", async () => {
    const alice = await holder("alice");
    const bob = await holder("bob");
    const t = generateToken();
    const row = await createApiToken(ctx.handle.db, alice.id, { name: "ci", tokenHash: t.tokenHash, prefix: t.prefix });
    expect(row.lastUsedAt).toBeNull();

    const t0 = new Date("2030-01-01T10:00:00Z");
    expect((await findUserByTokenHash(ctx.handle.db, t.tokenHash, t0))?.user.id).toBe(alice.id);
    let [listed] = await listApiTokens(ctx.handle.db, alice.id);
    expect(listed?.lastUsedAt?.toISOString()).toBe(t0.toISOString());
    await findUserByTokenHash(ctx.handle.db, t.tokenHash, new Date(t0.getTime() + 30_000));
    [listed] = await listApiTokens(ctx.handle.db, alice.id);
    expect(listed?.lastUsedAt?.toISOString()).toBe(t0.toISOString());
    const later = new Date(t0.getTime() + 120_000);
    await findUserByTokenHash(ctx.handle.db, t.tokenHash, later);
    [listed] = await listApiTokens(ctx.handle.db, alice.id);
    expect(listed?.lastUsedAt?.toISOString()).toBe(later.toISOString());

    expect(await findUserByTokenHash(ctx.handle.db, hashToken(generateToken().token))).toBeNull();
    // Bob cannot revoke Alice's token: it behaves like a missing one.
    expect(await revokeApiToken(ctx.handle.db, bob.id, row.id)).toBeNull();
    expect(await findUserByTokenHash(ctx.handle.db, t.tokenHash)).not.toBeNull();
    expect(await revokeApiToken(ctx.handle.db, alice.id, "not-a-uuid")).toBeNull();
    expect(await revokeApiToken(ctx.handle.db, alice.id, row.id)).toEqual({ name: "ci", prefix: t.prefix });
    expect(await findUserByTokenHash(ctx.handle.db, t.tokenHash)).toBeNull();
    expect(await revokeApiToken(ctx.handle.db, alice.id, row.id)).toBeNull();
    expect(await listApiTokens(ctx.handle.db, alice.id)).toEqual([]);
  });

  it("keeps token hashes unique", async () => {
    const alice = await holder("alice");
    const t = generateToken();
    await createApiToken(ctx.handle.db, alice.id, { name: "a", tokenHash: t.tokenHash, prefix: t.prefix });
    await expect(createApiToken(ctx.handle.db, alice.id, { name: "b", tokenHash: t.tokenHash, prefix: t.prefix })).rejects.toThrow();
  });
});
