import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  bumpSessionVersion,
  createUser,
  emailTaken,
  getUserByEmail,
  getUserById,
  sessionVersionMatches,
  setPasswordHash,
  updateProfile,
} from "@/db/queries/users";
import { users } from "@/db/schema";
import { describeEachDb } from "../harness";

let n = 0;
const email = (local: string) => `${local}-${++n}@Example.COM`;
const newUser = (address: string) => ({ email: address, name: "Dana Holder", passwordHash: "$argon2id$test", timezone: "Europe/Berlin" });

describeEachDb("users: accounts", (ctx) => {
  describe("email is unique in any letter case", () => {
    it("refuses the same email in another letter case or with spaces around it", async () => {
      const db = ctx.handle.db;
      const address = email("Dana.Holder");
      const first = await createUser(db, newUser(address));
      expect(first?.email).toBe(address); // stored as typed
      for (const variant of [address.toLowerCase(), address.toUpperCase(), `  ${address.toLowerCase()} `]) {
        expect(await createUser(db, newUser(variant))).toBeNull();
      }
      const rows = await db.select().from(users).where(eq(users.id, first!.id));
      expect(rows).toHaveLength(1);
      expect(await emailTaken(db, address.toUpperCase())).toBe(true);
      expect((await getUserByEmail(db, ` ${address.toLowerCase()} `))?.id).toBe(first!.id);
      expect(await getUserByEmail(db, "nobody@example.com")).toBeNull();
    });

    it("is enforced by the database itself, not only by createUser", async () => {
      const db = ctx.handle.db;
      const address = email("Unique.Index");
      await db.insert(users).values(newUser(address));
      await expect(db.insert(users).values(newUser(address.toLowerCase()))).rejects.toThrow();
    });

    it("lets exactly one of several simultaneous sign-ups with one email through", async () => {
      const db = ctx.handle.db;
      const address = email("Race");
      const variants = [address, address.toLowerCase(), address.toUpperCase(), address, address.toLowerCase()];
      const results = await Promise.all(variants.map((v) => createUser(db, newUser(v))));
      expect(results.filter((r) => r !== null)).toHaveLength(1);
      const all = await db.select().from(users);
      expect(all.filter((u) => u.email.toLowerCase() === address.toLowerCase())).toHaveLength(1);
    });
  });

  describe("session version", () => {
    it("starts at 1 and is bumped by sign-out-everywhere and by a password change; old versions stop matching", async () => {
      const db = ctx.handle.db;
      const user = (await createUser(db, newUser(email("sessions"))))!;
      expect(user.sessionVersion).toBe(1);
      expect((await sessionVersionMatches(db, user.id, 1))?.id).toBe(user.id);

      expect(await bumpSessionVersion(db, user.id)).toBe(2);
      expect(await sessionVersionMatches(db, user.id, 1)).toBeNull();
      expect((await sessionVersionMatches(db, user.id, 2))?.id).toBe(user.id);

      expect(await setPasswordHash(db, user.id, "$argon2id$new")).toBe(3);
      expect(await sessionVersionMatches(db, user.id, 2)).toBeNull();
      const after = await sessionVersionMatches(db, user.id, 3);
      expect(after?.passwordHash).toBe("$argon2id$new");
    });

    it("bumps one holder only", async () => {
      const db = ctx.handle.db;
      const a = (await createUser(db, newUser(email("a"))))!;
      const b = (await createUser(db, newUser(email("b"))))!;
      await bumpSessionVersion(db, a.id);
      expect((await getUserById(db, b.id))?.sessionVersion).toBe(1);
      expect((await getUserById(db, a.id))?.sessionVersion).toBe(2);
    });

    it("counts every bump when several arrive at once (no lost update)", async () => {
      const db = ctx.handle.db;
      const user = (await createUser(db, newUser(email("concurrent"))))!;
      await Promise.all(Array.from({ length: 6 }, () => bumpSessionVersion(db, user.id)));
      expect((await getUserById(db, user.id))?.sessionVersion).toBe(7);
    });

    it("treats a malformed or unknown id as a missing holder, without a database error", async () => {
      const db = ctx.handle.db;
      expect(await sessionVersionMatches(db, "not-a-uuid", 1)).toBeNull();
      expect(await sessionVersionMatches(db, "00000000-0000-4000-8000-000000000000", 1)).toBeNull();
      expect(await getUserById(db, "1 or 1=1")).toBeNull();
      expect(await bumpSessionVersion(db, "00000000-0000-4000-8000-000000000000")).toBeNull();
    });
  });

  it("updates the profile of that holder only", async () => {
    const db = ctx.handle.db;
    const a = (await createUser(db, newUser(email("profile-a"))))!;
    const b = (await createUser(db, newUser(email("profile-b"))))!;
    const updated = await updateProfile(db, a.id, { name: "Dana Renamed", timezone: "Asia/Tokyo", issuerIds: { ascm: "123" }, isMember: true });
    expect(updated).toMatchObject({ name: "Dana Renamed", timezone: "Asia/Tokyo", issuerIds: { ascm: "123" }, isMember: true });
    expect(updated!.updatedAt.getTime()).toBeGreaterThanOrEqual(a.updatedAt.getTime());
    expect(await getUserById(db, b.id)).toMatchObject({ name: "Dana Holder", timezone: "Europe/Berlin", issuerIds: {}, isMember: false });
  });
});
