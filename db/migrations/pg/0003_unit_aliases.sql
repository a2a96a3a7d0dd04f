ALTER TABLE "units" ADD COLUMN "aliases" text;--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "search_aliases" text;