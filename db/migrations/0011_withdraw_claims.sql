CREATE TABLE `status_claims` (
	`path` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`owner` text NOT NULL,
	`step` text NOT NULL,
	`actor_id` integer,
	`actor_email` text NOT NULL,
	`reason` text,
	`new_hash` text NOT NULL,
	`old_hash` text NOT NULL,
	`old_bytes` blob NOT NULL,
	`started_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
