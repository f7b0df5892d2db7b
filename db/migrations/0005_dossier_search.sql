-- Accentless search over dossiers (folded applicant name, ID number, local code) through an FTS5 trigram index:
-- LIKE '%nguyen thi hoa%' becomes an index lookup instead of a scan of every dossier (3-15 ms instead of 60-200 ms
-- on 100,000 dossiers, scripts/bench/queue.ts). char(31) separates the fields so no trigram spans two of them.
-- Rows share the dossier's rowid (kept in step by the triggers below), so a search is a rowid set the list queries
-- filter by without reading dossier rows. dossiers has a TEXT primary key: a VACUUM may renumber its rowids, so after
-- any VACUUM rebuild this table (DELETE FROM dossier_search, then the INSERT below); dossier_id lets a check compare.
CREATE VIRTUAL TABLE `dossier_search` USING fts5(`text`, `dossier_id` UNINDEXED, tokenize = 'trigram', detail = 'none');
--> statement-breakpoint
INSERT INTO `dossier_search` (`rowid`, `text`, `dossier_id`)
  SELECT `rowid`, `applicant_name_search` || char(31) || `applicant_id_number` || char(31) || lower(`local_code`), `id` FROM `dossiers`;
--> statement-breakpoint
CREATE TRIGGER `dossier_search_ai` AFTER INSERT ON `dossiers` BEGIN
  INSERT INTO `dossier_search` (`rowid`, `text`, `dossier_id`)
    VALUES (new.`rowid`, new.`applicant_name_search` || char(31) || new.`applicant_id_number` || char(31) || lower(new.`local_code`), new.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `dossier_search_au` AFTER UPDATE OF `applicant_name_search`, `applicant_id_number`, `local_code` ON `dossiers` BEGIN
  DELETE FROM `dossier_search` WHERE `rowid` = old.`rowid`;
  INSERT INTO `dossier_search` (`rowid`, `text`, `dossier_id`)
    VALUES (new.`rowid`, new.`applicant_name_search` || char(31) || new.`applicant_id_number` || char(31) || lower(new.`local_code`), new.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `dossier_search_ad` AFTER DELETE ON `dossiers` BEGIN
  DELETE FROM `dossier_search` WHERE `rowid` = old.`rowid`;
END;
