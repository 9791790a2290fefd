CREATE TABLE `sign_in_addresses` (
	`email` text NOT NULL,
	`address` text NOT NULL,
	`last_success_at` integer NOT NULL,
	PRIMARY KEY(`email`, `address`)
);
--> statement-breakpoint
CREATE INDEX `sign_in_addresses_last_idx` ON `sign_in_addresses` (`last_success_at`);--> statement-breakpoint
ALTER TABLE `users` ADD `all_series` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `sign_in_failures_last_at_idx` ON `sign_in_failures` (`last_at`);--> statement-breakpoint
-- Hand-written: until now a user with no series worked on every series. Keep that meaning for
-- the users who exist, explicitly; from here on no series means none.
UPDATE `users` SET `all_series` = 1 WHERE `id` NOT IN (SELECT `user_id` FROM `user_series`);
