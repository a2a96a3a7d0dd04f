CREATE TABLE `comment_threads` (
	`response_id` integer PRIMARY KEY NOT NULL,
	`status` text DEFAULT 'new' NOT NULL,
	`reply_text` text,
	`replied_by` integer,
	`replied_at` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`replied_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `comment_threads_status_idx` ON `comment_threads` (`status`);