CREATE TABLE `adoptions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`submission_id` integer NOT NULL,
	`draft_id` integer NOT NULL,
	`kind` text NOT NULL,
	`state` text NOT NULL,
	`heading` text NOT NULL,
	`byline` text NOT NULL,
	`adopted_by` integer NOT NULL,
	`adopted_at` integer NOT NULL,
	`settled_at` integer,
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`draft_id`) REFERENCES `drafts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `adoptions_submission_idx` ON `adoptions` (`submission_id`);--> statement-breakpoint
CREATE INDEX `adoptions_draft_idx` ON `adoptions` (`draft_id`,`state`);--> statement-breakpoint
CREATE TABLE `call_units` (
	`call_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	PRIMARY KEY(`call_id`, `unit_id`),
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `call_units_unit_idx` ON `call_units` (`unit_id`);--> statement-breakpoint
CREATE TABLE `calls` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`series_id` text NOT NULL,
	`topic` text NOT NULL,
	`body` text NOT NULL,
	`deadline` integer NOT NULL,
	`all_units` integer DEFAULT false NOT NULL,
	`closed` integer DEFAULT false NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `calls_deadline_idx` ON `calls` (`deadline`);--> statement-breakpoint
CREATE TABLE `instructions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`series_id` text NOT NULL,
	`issue_path` text NOT NULL,
	`issue_label` text NOT NULL,
	`article` text,
	`submission_id` integer,
	`unit_id` integer,
	`level` text NOT NULL,
	`leader` text NOT NULL,
	`date` text NOT NULL,
	`gist` text NOT NULL,
	`recorded_by` integer NOT NULL,
	`recorded_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `instructions_date_idx` ON `instructions` (`series_id`,`date`);--> statement-breakpoint
CREATE INDEX `instructions_issue_idx` ON `instructions` (`issue_path`);--> statement-breakpoint
CREATE TABLE `job_cursors` (
	`name` text PRIMARY KEY NOT NULL,
	`position` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `mail_outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`to` text NOT NULL,
	`subject` text NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`sent_at` integer,
	`last_error` text
);
--> statement-breakpoint
CREATE INDEX `mail_outbox_due_idx` ON `mail_outbox` (`sent_at`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `notice_marks` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`seen_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `points_tables` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`series_id` text NOT NULL,
	`valid_from` text NOT NULL,
	`rules` text NOT NULL,
	`note` text,
	`updated_by` integer,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `points_tables_from_unique` ON `points_tables` (`series_id`,`valid_from`);--> statement-breakpoint
CREATE TABLE `submission_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`submission_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`kind` text NOT NULL,
	`actor_id` integer,
	`detail` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `submission_events_submission_idx` ON `submission_events` (`submission_id`,`at`);--> statement-breakpoint
CREATE INDEX `submission_events_unit_idx` ON `submission_events` (`unit_id`,`at`);--> statement-breakpoint
CREATE TABLE `submission_media` (
	`submission_id` integer NOT NULL,
	`name` text NOT NULL,
	`original_name` text NOT NULL,
	`type` text NOT NULL,
	`size` integer NOT NULL,
	`width` integer NOT NULL,
	`height` integer NOT NULL,
	`bytes` blob NOT NULL,
	`uploaded_by` integer NOT NULL,
	`uploaded_at` integer NOT NULL,
	PRIMARY KEY(`submission_id`, `name`),
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `submission_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`submission_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`original_name` text,
	`original_bytes` blob,
	`note` text,
	`author_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `submission_versions_seq_unique` ON `submission_versions` (`submission_id`,`seq`);--> statement-breakpoint
CREATE TABLE `submissions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` integer NOT NULL,
	`series_id` text NOT NULL,
	`call_id` integer,
	`title` text NOT NULL,
	`status` text NOT NULL,
	`adoption_kind` text,
	`urgent` integer DEFAULT false NOT NULL,
	`contact_name` text NOT NULL,
	`contact_phone` text NOT NULL,
	`head_version_id` integer,
	`decision_note` text,
	`submitted_by` integer NOT NULL,
	`submitted_at` integer NOT NULL,
	`resubmitted_at` integer,
	`decided_by` integer,
	`decided_at` integer,
	`published_path` text,
	`published_label` text,
	`published_at` integer,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `submissions_unit_idx` ON `submissions` (`unit_id`,`submitted_at`);--> statement-breakpoint
CREATE INDEX `submissions_series_idx` ON `submissions` (`series_id`,`submitted_at`);--> statement-breakpoint
CREATE INDEX `submissions_status_idx` ON `submissions` (`status`,`submitted_at`);--> statement-breakpoint
CREATE INDEX `submissions_call_idx` ON `submissions` (`call_id`,`unit_id`);--> statement-breakpoint
CREATE INDEX `submissions_decided_idx` ON `submissions` (`decided_at`);--> statement-breakpoint
CREATE INDEX `submissions_published_idx` ON `submissions` (`published_at`);--> statement-breakpoint
CREATE TABLE `units` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`short_name` text,
	`parent_id` integer,
	`level` text NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`contact_name` text,
	`contact_phone` text,
	`contact_email` text,
	`disabled` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `units_name_unique` ON `units` (`name`);--> statement-breakpoint
CREATE INDEX `units_parent_idx` ON `units` (`parent_id`,`position`);--> statement-breakpoint
ALTER TABLE `users` ADD `unit_id` integer;--> statement-breakpoint
-- The inbox's search and the "close to another" hint read submissions' text the way the archive's
-- search reads issues' (lib/search/text.ts): overlapping character pairs, contentless, rowid =
-- submissions.id, holding the head version's title and body.
CREATE VIRTUAL TABLE `submission_search` USING fts5(
	`title`,
	`body`,
	content='',
	contentless_delete=1,
	tokenize='unicode61 remove_diacritics 0'
);
--> statement-breakpoint
CREATE TRIGGER `submissions_search_delete` AFTER DELETE ON `submissions` BEGIN
	DELETE FROM `submission_search` WHERE rowid = old.`id`;
END;
