-- Full-text search over issues (see lib/search/text.ts). Chinese has no spaces and FTS5's trigram
-- tokenizer matches nothing under three characters, so the text is indexed twice:
--   issue_search: overlapping character pairs with positions, for phrases of two or more characters;
--   issue_chars: each character once per column, without positions, for one-character queries.
-- Both are contentless (the text lives in `issues`), rowid = issues.id.
CREATE VIRTUAL TABLE `issue_search` USING fts5(
	`title`,
	`body`,
	content='',
	contentless_delete=1,
	tokenize='unicode61 remove_diacritics 0'
);
--> statement-breakpoint
CREATE VIRTUAL TABLE `issue_chars` USING fts5(
	`title`,
	`body`,
	content='',
	contentless_delete=1,
	detail=column,
	tokenize='unicode61 remove_diacritics 0'
);
--> statement-breakpoint
-- Whatever removes an issue row (a deleted file, a series removed with its issues) removes its text.
CREATE TRIGGER `issues_search_delete` AFTER DELETE ON `issues` BEGIN
	DELETE FROM `issue_search` WHERE rowid = old.`id`;
	DELETE FROM `issue_chars` WHERE rowid = old.`id`;
END;
--> statement-breakpoint
-- Existing issues have no search text yet: forget the file ledger so the next sync re-reads them all.
DELETE FROM `content_files`;
