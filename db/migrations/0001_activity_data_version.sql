ALTER TABLE "users" ADD COLUMN "data_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Not from db/schema.ts (drizzle-kit has no triggers): one bump of users.data_version per
-- statement that changes a holder's activities, exclusions or evidence, for every holder the
-- statement touched (statement-level triggers with transition tables: a 250-row import batch is
-- one bump, not 250). The bump happens in the writer's transaction, so a reader that sees the
-- new rows sees the new version. lib/progress/cache.ts relies on it.
CREATE FUNCTION "recert_bump_data_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE "users" SET "data_version" = "data_version" + 1 WHERE "id" IN (SELECT DISTINCT "user_id" FROM "changed_old");
  ELSIF TG_OP = 'INSERT' THEN
    UPDATE "users" SET "data_version" = "data_version" + 1 WHERE "id" IN (SELECT DISTINCT "user_id" FROM "changed_new");
  ELSE
    UPDATE "users" SET "data_version" = "data_version" + 1
      WHERE "id" IN (SELECT "user_id" FROM "changed_new" UNION SELECT "user_id" FROM "changed_old");
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "activities_data_version_insert" AFTER INSERT ON "activities" REFERENCING NEW TABLE AS "changed_new" FOR EACH STATEMENT EXECUTE FUNCTION "recert_bump_data_version"();
--> statement-breakpoint
CREATE TRIGGER "activities_data_version_update" AFTER UPDATE ON "activities" REFERENCING OLD TABLE AS "changed_old" NEW TABLE AS "changed_new" FOR EACH STATEMENT EXECUTE FUNCTION "recert_bump_data_version"();
--> statement-breakpoint
CREATE TRIGGER "activities_data_version_delete" AFTER DELETE ON "activities" REFERENCING OLD TABLE AS "changed_old" FOR EACH STATEMENT EXECUTE FUNCTION "recert_bump_data_version"();
--> statement-breakpoint
CREATE TRIGGER "activity_exclusions_data_version_insert" AFTER INSERT ON "activity_exclusions" REFERENCING NEW TABLE AS "changed_new" FOR EACH STATEMENT EXECUTE FUNCTION "recert_bump_data_version"();
--> statement-breakpoint
CREATE TRIGGER "activity_exclusions_data_version_update" AFTER UPDATE ON "activity_exclusions" REFERENCING OLD TABLE AS "changed_old" NEW TABLE AS "changed_new" FOR EACH STATEMENT EXECUTE FUNCTION "recert_bump_data_version"();
--> statement-breakpoint
CREATE TRIGGER "activity_exclusions_data_version_delete" AFTER DELETE ON "activity_exclusions" REFERENCING OLD TABLE AS "changed_old" FOR EACH STATEMENT EXECUTE FUNCTION "recert_bump_data_version"();
--> statement-breakpoint
CREATE TRIGGER "evidence_data_version_insert" AFTER INSERT ON "evidence" REFERENCING NEW TABLE AS "changed_new" FOR EACH STATEMENT EXECUTE FUNCTION "recert_bump_data_version"();
--> statement-breakpoint
CREATE TRIGGER "evidence_data_version_update" AFTER UPDATE ON "evidence" REFERENCING OLD TABLE AS "changed_old" NEW TABLE AS "changed_new" FOR EACH STATEMENT EXECUTE FUNCTION "recert_bump_data_version"();
--> statement-breakpoint
CREATE TRIGGER "evidence_data_version_delete" AFTER DELETE ON "evidence" REFERENCING OLD TABLE AS "changed_old" FOR EACH STATEMENT EXECUTE FUNCTION "recert_bump_data_version"();
