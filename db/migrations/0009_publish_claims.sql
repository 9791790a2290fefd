CREATE TABLE `publish_claims` (
	`draft_id` integer PRIMARY KEY NOT NULL,
	`path` text NOT NULL,
	`owner` text NOT NULL,
	`step` text NOT NULL,
	`revision_id` integer NOT NULL,
	`actor_id` integer,
	`actor_email` text NOT NULL,
	`new_hash` text NOT NULL,
	`old_hash` text,
	`old_bytes` blob,
	`pictures` text NOT NULL,
	`started_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`draft_id`) REFERENCES `drafts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `publish_claims_path_unique` ON `publish_claims` (`path`);