-- Full-text search over issues. Text is stored as space-separated single-character tokens (see
-- lib/search/text.ts), so one- and two-character Chinese queries match as phrases, which the
-- trigram tokenizer cannot do. Contentless: the text itself lives in `issues`; rowid = issues.id.
CREATE VIRTUAL TABLE `issue_search` USING fts5(
	`title`,
	`body`,
	content='',
	contentless_delete=1,
	tokenize='unicode61 remove_diacritics 0'
);
--> statement-breakpoint
-- Whatever removes an issue row (a deleted file, a series removed with its issues) removes its text.
CREATE TRIGGER `issues_search_delete` AFTER DELETE ON `issues` BEGIN
	DELETE FROM `issue_search` WHERE rowid = old.`id`;
END;
--> statement-breakpoint
-- Existing issues have no search text yet: forget the file ledger so the next sync re-reads them all.
DELETE FROM `content_files`;
