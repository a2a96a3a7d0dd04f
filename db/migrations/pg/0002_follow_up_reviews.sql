CREATE TABLE "low_rating_reviews" (
	"response_id" bigint PRIMARY KEY NOT NULL,
	"reviewed_by" integer,
	"reviewed_at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "low_rating_reviews" ADD CONSTRAINT "low_rating_reviews_response_id_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."responses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "low_rating_reviews" ADD CONSTRAINT "low_rating_reviews_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "responses_commented_idx" ON "responses" USING btree ("unit_id","submitted_at") WHERE comment is not null;