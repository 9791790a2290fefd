CREATE TABLE `content_files` (
	`path` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`hash` text NOT NULL,
	`ok` integer NOT NULL,
	`retry` integer DEFAULT false NOT NULL,
	`synced_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `content_problems` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`path` text NOT NULL,
	`line` integer NOT NULL,
	`column` integer,
	`field` text NOT NULL,
	`code` text NOT NULL,
	`message` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `content_problems_path_idx` ON `content_problems` (`path`);--> statement-breakpoint
CREATE TABLE `distributions` (
	`issue_id` integer NOT NULL,
	`kind` text NOT NULL,
	`position` integer NOT NULL,
	`body` text NOT NULL,
	PRIMARY KEY(`issue_id`, `kind`, `position`),
	FOREIGN KEY (`issue_id`) REFERENCES `issues`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `distributions_body_idx` ON `distributions` (`body`);--> statement-breakpoint
CREATE TABLE `issues` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`series_id` text NOT NULL,
	`year` integer NOT NULL,
	`number` integer NOT NULL,
	`supplement` integer DEFAULT false NOT NULL,
	`total` integer,
	`organization` text NOT NULL,
	`date` text NOT NULL,
	`title` text NOT NULL,
	`title_lines` text NOT NULL,
	`subtitle` text,
	`preface` text,
	`marking` text,
	`editor` text NOT NULL,
	`copies` integer,
	`visibility` text NOT NULL,
	`status` text NOT NULL,
	`body_tree` text NOT NULL,
	`body_text` text NOT NULL,
	`articles` text NOT NULL,
	`path` text NOT NULL,
	`content_hash` text NOT NULL,
	`synced_at` integer NOT NULL,
	FOREIGN KEY (`series_id`) REFERENCES `series`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `issues_path_unique` ON `issues` (`path`);--> statement-breakpoint
CREATE UNIQUE INDEX `issues_number_unique` ON `issues` (`series_id`,`year`,`supplement`,`number`);--> statement-breakpoint
CREATE INDEX `issues_date_idx` ON `issues` (`date`);--> statement-breakpoint
CREATE TABLE `series` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`organization` text NOT NULL,
	`color` text NOT NULL,
	`show_total` integer DEFAULT false NOT NULL,
	`definition` text NOT NULL,
	`path` text NOT NULL,
	`content_hash` text NOT NULL,
	`synced_at` integer NOT NULL
);
