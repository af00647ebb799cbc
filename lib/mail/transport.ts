import "server-only";
import nodemailer from "nodemailer";
import SMTPPool from "nodemailer/lib/smtp-pool";
import type { Database } from "@/db/client";
import { insertOutboxMessage } from "@/db/queries/outbox";
import { env } from "@/lib/env";

export type MailMessage = {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Extra headers, e.g. List-Unsubscribe. */
  headers?: Record<string, string>;
};

/** Delivers one message for one holder; throws when it could not be delivered. */
export interface MailTransport {
  kind: "smtp" | "outbox";
  send(userId: string, message: MailMessage): Promise<void>;
  close(): void;
}

/**
 * SMTP via nodemailer. `url` is smtp://user:pass@host:port or smtps://… (SMTP_URL).
 *
 * A pooled transport: a reminder run sends one digest after another, and a fresh connection per
 * mail (TCP, the server's greeting — smtp-server, like many MTAs, pauses 100 ms before it — EHLO,
 * TLS, AUTH) costs more than the message itself (bench:reminders). The pool keeps up to eight
 * connections open for the run (the job sends for eight holders at once); close() ends them. The options go to the pool itself: given next to a URL
 * string, nodemailer reads them as message defaults and ignores them (the timeouts below were
 * not applied before).
 */
export function smtpTransport(url: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport(
    new SMTPPool({
      url,
      pool: true,
      maxConnections: 8,
      maxMessages: 1000,
      // A dead server must fail the run quickly, not hang the hourly tick.
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 30_000,
    }),
  );
  return {
    kind: "smtp",
    async send(_userId, message) {
      await transporter.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        headers: message.headers,
      });
    },
    close() {
      transporter.close();
    },
  };
}

/** Without SMTP: the message lands in the holder's outbox (readable in Settings) and in the log. */
export function outboxTransport(db: Database): MailTransport {
  return {
    kind: "outbox",
    async send(userId, message) {
      await insertOutboxMessage(db, userId, {
        toAddress: message.to,
        subject: message.subject,
        textBody: message.text,
        htmlBody: message.html,
      });
      console.log(`[mail] outbox (no SMTP_URL) to=${message.to} subject=${JSON.stringify(message.subject)}\n${message.text}`);
    },
    close() {},
  };
}

export function transportFromEnv(db: Database): MailTransport {
  const e = env();
  return e.SMTP_URL ? smtpTransport(e.SMTP_URL, e.MAIL_FROM) : outboxTransport(db);
}
