ALTER TABLE `drafts` ADD `change_seq` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `drafts_change_seq_idx` ON `drafts` (`change_seq`);--> statement-breakpoint
UPDATE `drafts` SET `change_seq` = (SELECT count(*) FROM `drafts` AS d2 WHERE d2.`updated_at` < `drafts`.`updated_at` OR (d2.`updated_at` = `drafts`.`updated_at` AND d2.`id` <= `drafts`.`id`));--> statement-breakpoint
CREATE TRIGGER `drafts_change_seq_insert` AFTER INSERT ON `drafts` BEGIN
  UPDATE `drafts` SET `change_seq` = (SELECT coalesce(max(`change_seq`), 0) + 1 FROM `drafts`) WHERE `id` = NEW.`id`;
END;--> statement-breakpoint
CREATE TRIGGER `drafts_change_seq_update` AFTER UPDATE OF `updated_at` ON `drafts` BEGIN
  UPDATE `drafts` SET `change_seq` = (SELECT coalesce(max(`change_seq`), 0) + 1 FROM `drafts`) WHERE `id` = NEW.`id`;
END;
