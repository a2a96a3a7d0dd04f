CREATE TABLE `low_rating_reviews` (
	`response_id` integer PRIMARY KEY NOT NULL,
	`reviewed_by` integer,
	`reviewed_at` integer NOT NULL,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reviewed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `responses_commented_idx` ON `responses` (`unit_id`,`submitted_at`) WHERE comment is not null;