SELECT count(DISTINCT id) = 2 FROM legacy;
