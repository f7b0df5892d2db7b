-- Deleting or changing a dossier removes its entries from the search index at once, instead of leaving the old
-- trigrams of the applicant's name and ID number in older index segments until a merge (FTS5 'secure-delete', SQLite
-- 3.42+). Goes with PRAGMA secure_delete = ON (db/client.ts), which zeroes the freed pages themselves.
INSERT INTO `dossier_search` (`dossier_search`, `rank`) VALUES ('secure-delete', 1);
