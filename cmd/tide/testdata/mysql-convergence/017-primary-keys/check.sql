SELECT (SELECT count(*) FROM nokey) = 2 AND (SELECT count(*) FROM rekey) = 2;
