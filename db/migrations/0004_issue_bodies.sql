CREATE TABLE `issue_bodies` (
	`issue_id` integer PRIMARY KEY NOT NULL,
	`tree` text NOT NULL,
	`text` text NOT NULL,
	FOREIGN KEY (`issue_id`) REFERENCES `issues`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `issues` DROP COLUMN `body_tree`;--> statement-breakpoint
ALTER TABLE `issues` DROP COLUMN `body_text`;--> statement-breakpoint
-- The bodies were dropped with their columns: forget the file ledger so the next sync re-reads every file.
DELETE FROM `content_files`;
