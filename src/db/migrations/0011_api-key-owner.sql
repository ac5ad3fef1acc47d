ALTER TABLE "api_keys" RENAME COLUMN "created_by" TO "user_id";--> statement-breakpoint
-- A key's person is the one who created it. Keys made by the CLI or by another key had nobody
-- (nor has a key whose creator's login is gone): they pass to the workspace's first owner.
UPDATE "api_keys" k SET "user_id" = NULL
WHERE "user_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "users" u WHERE u."id" = k."user_id");--> statement-breakpoint
-- A workspace with such keys but no owner gets the login-less operator person the CLI would make.
INSERT INTO "users" ("id", "email", "name", "password_hash")
SELECT gen_random_uuid(), 'operator+' || w."id" || '@steward.invalid', 'Steward operator', NULL
FROM "workspaces" w
WHERE EXISTS (SELECT 1 FROM "api_keys" k WHERE k."workspace_id" = w."id" AND k."user_id" IS NULL)
  AND NOT EXISTS (SELECT 1 FROM "memberships" m WHERE m."workspace_id" = w."id" AND m."role" = 'owner')
  AND NOT EXISTS (SELECT 1 FROM "users" u WHERE lower(u."email") = 'operator+' || w."id" || '@steward.invalid');--> statement-breakpoint
INSERT INTO "memberships" ("workspace_id", "user_id", "role", "function")
SELECT w."id", u."id", 'owner', 'customer_success'
FROM "workspaces" w JOIN "users" u ON lower(u."email") = 'operator+' || w."id" || '@steward.invalid'
WHERE NOT EXISTS (SELECT 1 FROM "memberships" m WHERE m."workspace_id" = w."id" AND m."role" = 'owner');--> statement-breakpoint
UPDATE "api_keys" k SET "user_id" = (
  SELECT m."user_id" FROM "memberships" m
  WHERE m."workspace_id" = k."workspace_id" AND m."role" = 'owner'
  ORDER BY m."created_at", m."user_id" LIMIT 1
)
WHERE k."user_id" IS NULL;--> statement-breakpoint
ALTER TABLE "api_keys" ALTER COLUMN "user_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_keys_user_ix" ON "api_keys" USING btree ("workspace_id","user_id");
