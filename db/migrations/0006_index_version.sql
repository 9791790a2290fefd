-- A counter that moves only when the published index changes (issues or series rows), so the
-- page cache is not dropped by studio writes (autosaves, sign-ins) that leave the archive as it was.
CREATE TABLE `index_version` (
	`id` integer PRIMARY KEY NOT NULL CHECK (`id` = 1),
	`version` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `index_version` (`id`, `version`) VALUES (1, 1);
--> statement-breakpoint
CREATE TRIGGER `index_version_issue_insert` AFTER INSERT ON `issues` BEGIN UPDATE `index_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `index_version_issue_update` AFTER UPDATE ON `issues` BEGIN UPDATE `index_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `index_version_issue_delete` AFTER DELETE ON `issues` BEGIN UPDATE `index_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `index_version_series_insert` AFTER INSERT ON `series` BEGIN UPDATE `index_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `index_version_series_update` AFTER UPDATE ON `series` BEGIN UPDATE `index_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `index_version_series_delete` AFTER DELETE ON `series` BEGIN UPDATE `index_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
