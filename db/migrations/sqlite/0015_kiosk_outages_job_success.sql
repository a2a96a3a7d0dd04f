CREATE TABLE `kiosk_outages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kiosk_id` integer NOT NULL,
	`silent_since` integer NOT NULL,
	`detected_at` integer NOT NULL,
	`ended_at` integer,
	FOREIGN KEY (`kiosk_id`) REFERENCES `kiosks`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `kiosk_outages_open_uq` ON `kiosk_outages` (`kiosk_id`) WHERE ended_at is null;--> statement-breakpoint
CREATE INDEX `kiosk_outages_kiosk_idx` ON `kiosk_outages` (`kiosk_id`,`detected_at`);--> statement-breakpoint
ALTER TABLE `scheduled_jobs` ADD `last_success_at` integer;