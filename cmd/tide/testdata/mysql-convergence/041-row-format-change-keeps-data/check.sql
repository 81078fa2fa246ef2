SELECT count(*) = 3 AND sum(length(body)) = 161 FROM events;
SELECT count(*) = 2 AND sum(length(payload)) = 5500 FROM archive;
SELECT note = 'kept' FROM notes WHERE id = 1;
SELECT group_concat(code ORDER BY id) = 'AB12,CD34' FROM codes;
SELECT count(*) = 4 FROM information_schema.TABLES WHERE TABLE_SCHEMA = database() AND TABLE_NAME <> 'docs' AND ENGINE = 'InnoDB' AND ROW_FORMAT = 'Dynamic' AND CREATE_OPTIONS IN ('', 'row_format=DYNAMIC');
SELECT CREATE_OPTIONS = 'row_format=DYNAMIC' FROM information_schema.TABLES WHERE TABLE_SCHEMA = database() AND TABLE_NAME = 'events';
SELECT count(*) = 1 FROM docs WHERE MATCH (body) AGAINST ('formats');
SELECT CREATE_OPTIONS = 'row_format=COMPACT' FROM information_schema.TABLES WHERE TABLE_SCHEMA = database() AND TABLE_NAME = 'docs';
