SELECT group_concat(line ORDER BY id) = 'a,b,c' FROM logs;
SELECT length(data) = 10000 FROM blobs WHERE id = 1;
SELECT count(*) = 2 FROM information_schema.TABLES WHERE TABLE_SCHEMA = database() AND ROW_FORMAT = 'Compressed' AND CREATE_OPTIONS = 'row_format=COMPRESSED key_block_size=8';
