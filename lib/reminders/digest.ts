/**
 * The reminder e-mail: one digest per holder per run, in plain text and HTML, with the figures
 * of each designation's ProgressReport (never recomputed) and a one-click unsubscribe link.
 */
import { formatDate, formatPoints } from "@/lib/dates";
import type { PlannedReminder, ProgressReport } from "@/lib/rules";

export type DigestItem = { reminder: PlannedReminder; report: ProgressReport };

export type DigestInput = {
  holderName: string;
  items: DigestItem[];
  /** Base URL of the app, without a trailing slash. */
  appUrl: string;
  /** The signed one-click unsubscribe token. */
  unsubscribeToken: string;
};

export type Digest = { subject: string; text: string; html: string; headers: Record<string, string> };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
}

/**
 * The pace line under a reminder for a designation still short of points (from the report). A
 * "behind" report already says its pace in the status reason that the reminder quotes.
 */
export function paceLine(report: ProgressReport): string | null {
  if (report.remaining <= 0 || report.pace.monthsLeft <= 0 || report.cycle.state !== "active" || report.status === "behind") return null;
  return `You need ${formatPoints(report.pace.neededPerMonth)} points a month to make it by ${formatDate(report.cycle.dueDate)}; you have averaged ${formatPoints(report.pace.achievedPerMonth)}.`;
}

function bodyLines(item: DigestItem): string[] {
  const lines = item.reminder.message.split("\n").filter((l) => l.trim() !== "");
  const pace = paceLine(item.report);
  return pace ? [...lines, pace] : lines;
}

export function digestSubject(items: DigestItem[]): string {
  const first = items[0];
  if (!first) return "Recert reminder";
  if (items.length === 1) return first.reminder.subject;
  const codes = [...new Set(items.map((i) => i.report.credentialCode))];
  return `Recert: ${items.length} reminders about your ${codes.join(", ")}`;
}

export function composeDigest(input: DigestInput): Digest {
  const { appUrl } = input;
  const dashboardUrl = `${appUrl}/dashboard`;
  const settingsUrl = `${appUrl}/settings#reminders`;
  const unsubscribePage = `${appUrl}/unsubscribe/${encodeURIComponent(input.unsubscribeToken)}`;
  const oneClick = `${appUrl}/api/unsubscribe/${encodeURIComponent(input.unsubscribeToken)}`;
  const subject = digestSubject(input.items);

  const text: string[] = [`Hello ${input.holderName},`, ""];
  for (const { reminder, report } of input.items) {
    text.push(reminder.subject, "-".repeat(Math.min(reminder.subject.length, 72)), ...bodyLines({ reminder, report }), "");
  }
  text.push(
    `Your dashboard: ${dashboardUrl}`,
    "",
    "--",
    "You get these e-mails because you track your certifications in Recert.",
    `Reminder settings: ${settingsUrl}`,
    `Stop reminder e-mails with one click: ${unsubscribePage}`,
  );

  const blocks = input.items
    .map((item) => {
      const lines = bodyLines(item)
        .map((l) => `<p style="margin:4px 0;color:#334155;font-size:14px;line-height:1.5">${escapeHtml(l)}</p>`)
        .join("");
      return (
        `<div style="border:1px solid #e2e8f0;border-radius:8px;padding:16px;margin:0 0 16px">` +
        `<h2 style="margin:0 0 8px;font-size:16px;color:#17202a">${escapeHtml(item.reminder.subject)}</h2>${lines}</div>`
      );
    })
    .join("");
  const html =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>` +
    `<body style="margin:0;padding:24px;background:#f8fafc;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif">` +
    `<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:12px;padding:24px">` +
    `<p style="margin:0 0 16px;font-size:15px;color:#0f172a">Hello ${escapeHtml(input.holderName)},</p>${blocks}` +
    `<p style="margin:16px 0"><a href="${escapeHtml(dashboardUrl)}" style="display:inline-block;background:#17705f;color:#ffffff;padding:10px 16px;border-radius:6px;text-decoration:none;font-weight:600">Open your dashboard</a></p>` +
    `<hr style="border:none;border-top:1px solid #e2e8f0;margin:24px 0">` +
    `<p style="font-size:12px;color:#64748b;margin:0 0 4px">You get these e-mails because you track your certifications in Recert.</p>` +
    `<p style="font-size:12px;color:#64748b;margin:0"><a href="${escapeHtml(settingsUrl)}" style="color:#475569">Reminder settings</a> · ` +
    `<a href="${escapeHtml(unsubscribePage)}" style="color:#475569">Unsubscribe from reminder e-mails</a></p>` +
    `</div></body></html>`;

  return {
    subject,
    text: text.join("\n"),
    html,
    headers: {
      // RFC 2369 + RFC 8058: mail clients offer a one-click unsubscribe that POSTs to this URL.
      "List-Unsubscribe": `<${oneClick}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
  };
}
