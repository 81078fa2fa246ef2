SELECT count(DISTINCT token) = 2 AND sum(total) = 30 FROM docs;
