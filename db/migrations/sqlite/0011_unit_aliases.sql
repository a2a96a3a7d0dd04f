ALTER TABLE `units` ADD `aliases` text;--> statement-breakpoint
ALTER TABLE `units` ADD `search_aliases` text;