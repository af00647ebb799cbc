/**
 * Recert's database schema (drizzle). Workflow: edit this file, then `npm run db:generate -- --name <what>`
 * to write a named SQL migration under db/migrations, and commit both. Migrations are applied
 * automatically when the app starts (db/migrate.ts). SQL must run on PostgreSQL 15 and on PGlite.
 *
 * Calendar dates (earned, occurred, due) are SQL `date`, read as 'YYYY-MM-DD' strings.
 * Every row that belongs to a holder carries `user_id` with ON DELETE CASCADE, so deleting an
 * account removes every row, and every query can be scoped by owner.
 */
import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType() {
    return "bytea";
  },
});

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();
const points = (name: string) => numeric(name, { precision: 10, scale: 2, mode: "number" });

export type ReminderPrefs = {
  /** Send reminder e-mails at all. */
  email: boolean;
};

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    timezone: text("timezone").notNull().default("UTC"),
    /** Issuer customer ids, e.g. { ascm: "1234567" }. */
    issuerIds: jsonb("issuer_ids").$type<Record<string, string>>().notNull().default({}),
    /** Member of the issuer's association (ASCM member fee vs non-member fee). */
    isMember: boolean("is_member").notNull().default(false),
    /** Bumped to revoke every session at once (sign out everywhere, password change). */
    sessionVersion: integer("session_version").notNull().default(1),
    /** Secret of the calendar feed URL; null until the holder turns the feed on. */
    calendarToken: text("calendar_token"),
    reminderPrefs: jsonb("reminder_prefs").$type<ReminderPrefs>().notNull().default({ email: true }),
    /**
     * Bumped by database triggers (migration 0001) whenever a statement changes the holder's
     * activities, exclusions or evidence: pages keep the scored activities in memory per version
     * (lib/progress/cache.ts) instead of reading every activity on every request.
     */
    dataVersion: integer("data_version").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("users_email_lower_key").on(sql`lower(${t.email})`),
    uniqueIndex("users_calendar_token_key").on(t.calendarToken),
  ],
);

export const certifications = pgTable(
  "certifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    packId: text("pack_id").notNull(),
    credentialCode: text("credential_code").notNull(),
    earnedDate: date("earned_date", { mode: "string" }).notNull(),
    /** The holder's id with the issuer, for this designation (optional). */
    holderId: text("holder_id"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("certifications_user_credential_key").on(t.userId, t.packId, t.credentialCode)],
);

export const renewals = pgTable(
  "renewals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    certificationId: uuid("certification_id")
      .notNull()
      .references(() => certifications.id, { onDelete: "cascade" }),
    /** The due date this application satisfied. */
    dueDate: date("due_date", { mode: "string" }).notNull(),
    submittedDate: date("submitted_date", { mode: "string" }),
    approvedDate: date("approved_date", { mode: "string" }),
    pointsClaimed: points("points_claimed"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("renewals_certification_due_key").on(t.certificationId, t.dueDate)],
);

export const openingBalances = pgTable(
  "opening_balances",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    certificationId: uuid("certification_id")
      .notNull()
      .references(() => certifications.id, { onDelete: "cascade" }),
    /** Due date of the cycle these points belong to (the cycle current when they were entered). */
    cycleDueDate: date("cycle_due_date", { mode: "string" }).notNull(),
    categoryId: text("category_id").notNull(),
    points: points("points").notNull(),
    attested: boolean("attested").notNull().default(false),
    note: text("note"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("opening_balances_certification_cycle_category_key").on(t.certificationId, t.cycleDueDate, t.categoryId),
  ],
);

export const activities = pgTable(
  "activities",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    packId: text("pack_id").notNull(),
    typeId: text("type_id").notNull(),
    title: text("title").notNull(),
    provider: text("provider"),
    startDate: date("start_date", { mode: "string" }).notNull(),
    endDate: date("end_date", { mode: "string" }),
    quantity: numeric("quantity", { precision: 12, scale: 2, mode: "number" }),
    /** Type-specific details: credit hours, weeks, pages, mentees, tier, event name ... */
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    manualPoints: points("manual_points"),
    manualReason: text("manual_reason"),
    notes: text("notes"),
    /** Optimistic concurrency: an update must name the version it read. */
    version: integer("version").notNull().default(1),
    /** Fingerprint of an imported CSV row, so importing the same file twice adds nothing. */
    importKey: text("import_key"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
  },
  (t) => [
    index("activities_user_date_idx").on(t.userId, t.startDate),
    uniqueIndex("activities_user_import_key").on(t.userId, t.importKey),
  ],
);

export const activityExclusions = pgTable(
  "activity_exclusions",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    activityId: uuid("activity_id")
      .notNull()
      .references(() => activities.id, { onDelete: "cascade" }),
    certificationId: uuid("certification_id")
      .notNull()
      .references(() => certifications.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.activityId, t.certificationId] })],
);

export const evidenceBlobs = pgTable("evidence_blobs", {
  id: uuid("id").primaryKey().defaultRandom(),
  userId: uuid("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  data: bytea("data").notNull(),
  createdAt: createdAt(),
});

export const evidence = pgTable(
  "evidence",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    activityId: uuid("activity_id")
      .notNull()
      .references(() => activities.id, { onDelete: "cascade" }),
    fileName: text("file_name").notNull(),
    /** Sniffed from the bytes, never taken from the upload's Content-Type. */
    contentType: text("content_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    sha256: text("sha256").notNull(),
    /** Key in the BlobStore (evidence_blobs.id for the PostgreSQL store). */
    blobKey: text("blob_key").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("evidence_activity_idx").on(t.activityId), index("evidence_user_idx").on(t.userId)],
);

export const remindersSent = pgTable(
  "reminders_sent",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    certificationId: uuid("certification_id")
      .notNull()
      .references(() => certifications.id, { onDelete: "cascade" }),
    dueDate: date("due_date", { mode: "string" }).notNull(),
    kind: text("kind").notNull(),
    /** pending: claimed, not yet delivered; sent: delivered; a failed send stays pending for the next run. */
    status: text("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    createdAt: createdAt(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("reminders_sent_key").on(t.userId, t.certificationId, t.dueDate, t.kind)],
);

export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    htmlBody: text("html_body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("mail_outbox_user_idx").on(t.userId, t.createdAt)],
);

export const bannerDismissals = pgTable(
  "banner_dismissals",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    bannerKey: text("banner_key").notNull(),
    dismissedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.bannerKey] })],
);

export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** sha256 of the token; the token itself is shown once and never stored. */
    tokenHash: text("token_hash").notNull(),
    /** First characters, to tell tokens apart in Settings. */
    prefix: text("prefix").notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("api_tokens_hash_key").on(t.tokenHash)],
);

/**
 * One row per sign-in (ASVS 7.4.1): the session cookie (a JWT) carries this id, and every request
 * checks that the row is not revoked in the same query that checks the user's session version
 * (db/queries/sessions.ts). Sign-out revokes this one; sign-out-everywhere and a password change
 * revoke all of the holder's.
 */
export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    /** Written at most once an hour per session, so a busy browser does not write on every request. */
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    /** The browser's User-Agent at sign-in (cut to 256 characters), to tell sessions apart. */
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** Counters for rate limits (sign-in failures per account and per IP), in one-minute buckets. */
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text("key").notNull(),
    bucket: timestamp("bucket", { withTimezone: true }).notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.bucket] })],
);

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    action: text("action").notNull(),
    ip: text("ip"),
    detail: jsonb("detail").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index("audit_log_user_idx").on(t.userId, t.at)],
);

export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type Certification = typeof certifications.$inferSelect;
export type Renewal = typeof renewals.$inferSelect;
export type OpeningBalance = typeof openingBalances.$inferSelect;
export type Activity = typeof activities.$inferSelect;
export type Evidence = typeof evidence.$inferSelect;
