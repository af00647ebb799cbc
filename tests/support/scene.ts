/**
 * A holder with one of everything (certification with a renewal and an opening balance, live and
 * deleted activities, an evidence file, API tokens, a calendar feed), made through the app's own
 * paths, plus the facts a test compares before and after an attack: `snapshot()`.
 */
import { unsubscribeToken } from "@/lib/reminders/token";
import { type Actions, body, createToken, type Holder, newHolder, TINY_PDF, training, uploadEvidence } from "./holders";
import type { HttpClient, Reply } from "./http";

export type Seeded = Holder & {
  /** Strings only this holder's data contains: none may appear in anyone else's responses. */
  markers: string[];
  ids: {
    certification: string;
    dueDate: string;
    renewal: string;
    activity: string;
    activityVersion: number;
    deletedActivity: string;
    evidence: string;
    tokenRow: string;
    calendarFeed: string;
    unsubscribe: string;
    bannerKey: string;
  };
};

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export async function certifications(api: HttpClient): Promise<{ id: string; credentialCode: string; renewals: { id: string; dueDate: string }[] }[]> {
  return body<{ data: { id: string; credentialCode: string; renewals: { id: string; dueDate: string }[] }[] }>(await api.get("/api/v1/certifications")).data;
}

export async function dueDateOf(api: HttpClient, certificationId: string): Promise<string> {
  const report = body<{ cycle: { dueDate: string } }>(await api.get(`/api/v1/certifications/${certificationId}/progress`));
  return report.cycle.dueDate;
}

export async function createActivity(api: HttpClient, over: Record<string, unknown> = {}): Promise<{ id: string; version: number }> {
  return body<{ id: string; version: number }>(await api.json("POST", "/api/v1/activities", training(over)), 201);
}

/** Ids of the holder's API tokens as the Settings page lists them (hidden inputs of the revoke forms). */
export async function tokenRowIds(client: HttpClient): Promise<string[]> {
  const page = await client.get("/settings");
  return [...page.text.matchAll(/name="id" value="([0-9a-f-]{36})"/g)].map((m) => m[1] ?? "");
}

export async function calendarFeedPath(client: HttpClient): Promise<string | null> {
  const page = await client.get("/settings");
  return /\/api\/calendar\/([A-Za-z0-9_-]{43}\.ics)/.exec(page.text)?.[1] ?? null;
}

export async function seedHolder(baseUrl: string, actions: Actions, opts: { tag: string; secret: string }): Promise<Seeded> {
  const tag = opts.tag;
  const name = `Ozymandias ${tag}`;
  const holder = await newHolder(baseUrl, actions, { name });
  const act = (key: string) => {
    const a = actions[key];
    if (!a) throw new Error(`no action ${key}`);
    return a;
  };
  const cert = body<{ id: string }>(
    await holder.api.json("POST", "/api/v1/certifications", { credentialCode: "CPIM", earnedDate: "2022-03-10", holderId: `HID-${tag}` }),
    201,
  );
  const dueDate = await dueDateOf(holder.api, cert.id);
  // A renewal: the current cycle marked as submitted (the summary page's action).
  const submitted = await holder.client.action(act("app/(app)/summary/[certificationId]/actions.ts#markSubmittedAction"), `/summary/${cert.id}`, {
    certificationId: cert.id,
    dueDate,
    submittedDate: today(),
    pointsClaimed: "",
  });
  if (submitted.status !== 200) throw new Error(`markSubmitted: ${submitted.status}`);
  const renewal = (await certifications(holder.api)).find((c) => c.id === cert.id)?.renewals[0]?.id;
  if (!renewal) throw new Error("the renewal was not recorded");
  await holder.client.action(act("app/(app)/certifications/actions.ts#saveOpeningBalanceAction"), "/certifications", {
    certificationId: cert.id,
    "points.education": "4",
    attested: "on",
    note: `Opening note ${tag}`,
  });
  const activity = await createActivity(holder.api, { title: `Inventory deep dive ${tag}`, notes: `Private notes ${tag}` });
  const deleted = await createActivity(holder.api, { title: `Deleted webinar ${tag}`, startDate: "2024-04-02" });
  body(await holder.api.request(`/api/v1/activities/${deleted.id}`, { method: "DELETE" }), 204);
  const upload = await uploadEvidence(holder.client, activity.id, new Blob([TINY_PDF], { type: "application/pdf" }), `certificate-${tag}.pdf`);
  const evidence = body<{ evidence: { id: string } }>(upload, 201).evidence.id;
  await holder.client.action(act("app/(app)/settings/reminders-actions.ts#calendarFeedAction"), "/settings", { op: "enable" });
  const feed = await calendarFeedPath(holder.client);
  if (!feed) throw new Error("no calendar feed on the settings page");
  const tokenRow = (await tokenRowIds(holder.client))[0];
  if (!tokenRow) throw new Error("no token on the settings page");
  const me = body<{ data: { id: string }[] }>(await holder.api.get("/api/v1/activities?pageSize=1"));
  if (!me.data[0]) throw new Error("no activity listed");
  const userId = await holderUserId(holder.client);
  return {
    ...holder,
    markers: [name, holder.email, `Inventory deep dive ${tag}`, `Private notes ${tag}`, `Deleted webinar ${tag}`, `certificate-${tag}.pdf`, `HID-${tag}`, `Opening note ${tag}`],
    ids: {
      certification: cert.id,
      dueDate,
      renewal,
      activity: activity.id,
      activityVersion: activity.version,
      deletedActivity: deleted.id,
      evidence,
      tokenRow,
      calendarFeed: feed,
      unsubscribe: unsubscribeToken(userId, opts.secret),
      bannerKey: `due_soon:${cert.id}:${dueDate}`,
    },
  };
}

/** The holder's user id, from Auth.js's session endpoint (the JWT carries it as uid). */
export async function holderUserId(client: HttpClient): Promise<string> {
  const session = body<{ uid?: string }>(await client.get("/api/auth/session"));
  if (!session.uid) throw new Error(`no uid in the session: ${JSON.stringify(session)}`);
  return session.uid;
}

/**
 * Everything the holder owns, as the holder sees it: the account export (all certifications,
 * renewals, opening balances, live activities with versions' timestamps, evidence with sha256,
 * profile and reminder preferences), the API tokens and calendar feed listed in Settings, and
 * whether the session still works. Equal snapshots mean nothing of theirs changed.
 */
export async function snapshot(h: Holder): Promise<string> {
  const exported = body<Record<string, unknown>>(await h.api.get("/api/account/export"));
  delete exported.exportedAt;
  const settings = await h.client.get("/settings");
  const tokens = [...settings.text.matchAll(/rct_[A-Za-z0-9_-]{6}/g)].map((m) => m[0]).sort();
  const feed = /\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics/.exec(settings.text)?.[0] ?? null;
  const deletedCount = await h.api.get("/api/v1/activities?pageSize=1");
  return JSON.stringify({ exported, tokens: [...new Set(tokens)], feed, session: settings.status, list: body<{ total?: number }>(deletedCount).total ?? null });
}

/** Markers of `h` found in a reply (there must be none in anyone else's). */
export function leaked(reply: Reply, markers: string[]): string[] {
  return markers.filter((m) => reply.text.includes(m));
}

export async function freshToken(client: HttpClient, actions: Actions): Promise<{ token: string; row: string }> {
  const before = new Set(await tokenRowIds(client));
  const token = await createToken(client, actions, "Fresh token");
  const row = (await tokenRowIds(client)).find((id) => !before.has(id));
  if (!row) throw new Error("the new token is not listed");
  return { token, row };
}
