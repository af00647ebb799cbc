/** Shared by the reminder database tests: seeding holders through the data layer, and a real SMTP server on loopback. */
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import type { Database } from "@/db/client";
import { createActivity } from "@/db/queries/activities";
import { createCertification } from "@/db/queries/certifications";
import { createUser } from "@/db/queries/users";
import type { MailMessage, MailTransport } from "@/lib/mail/transport";

export const SECRET = "reminder-test-secret-0123456789-abcdefghij";
export const APP_URL = "https://recert.test";

let n = 0;
export async function seedHolder(
  db: Database,
  opts: { name?: string; timezone?: string; certs: { code: string; earned: string; points: number }[] },
): Promise<{ userId: string; email: string; certIds: string[] }> {
  n += 1;
  const email = `holder${n}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const user = await createUser(db, { email, name: opts.name ?? `Holder ${n}`, passwordHash: "x", timezone: opts.timezone ?? "UTC" });
  if (!user) throw new Error("seed: user not created");
  const certIds: string[] = [];
  for (const c of opts.certs) {
    const cert = await createCertification(db, user.id, { packId: "ascm", credentialCode: c.code, earnedDate: c.earned, holderId: null });
    if (!cert) throw new Error("seed: certification not created");
    certIds.push(cert.id);
  }
  const points = opts.certs.reduce((m, c) => Math.max(m, c.points), 0);
  if (points > 0) {
    await createActivity(db, user.id, {
      packId: "ascm",
      typeId: "online_event",
      title: "Supply chain webinars",
      provider: null,
      startDate: "2024-05-01",
      endDate: null,
      quantity: points,
      details: {},
      manualPoints: null,
      manualReason: null,
      notes: null,
    });
  }
  return { userId: user.id, email, certIds };
}

export type Received = { to: string[]; raw: string; subject: string; /** The header block, unfolded. */ headers: string };

/** A real SMTP server (the smtp-server package) on 127.0.0.1 that keeps what it receives. */
export async function startSmtp(): Promise<{ port: number; url: string; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const headers = raw.split(/\r?\n\r?\n/)[0]?.replace(/\r?\n[ \t]+/g, " ") ?? "";
        const subject = /^Subject: (.*)$/im.exec(headers)?.[1]?.trim() ?? "";
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw, subject, headers });
        callback();
      });
    },
  });
  server.listen(0, "127.0.0.1");
  await once(server.server, "listening");
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A transport that records instead of sending (optionally slow, to make runs overlap). */
export function recordingTransport(delayMs = 0): MailTransport & { sent: { userId: string; message: MailMessage }[] } {
  const sent: { userId: string; message: MailMessage }[] = [];
  return {
    kind: "outbox",
    sent,
    async send(userId, message) {
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      sent.push({ userId, message });
    },
    close() {},
  };
}
