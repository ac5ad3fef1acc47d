ALTER TABLE "health_scores" ALTER COLUMN "score" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "health_scores" ALTER COLUMN "band" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "health_note" text;--> statement-breakpoint
ALTER TABLE "health_scores" ADD COLUMN "note" text;--> statement-breakpoint
ALTER TABLE "health_settings" ADD COLUMN "onboarding_days" integer DEFAULT 30 NOT NULL;