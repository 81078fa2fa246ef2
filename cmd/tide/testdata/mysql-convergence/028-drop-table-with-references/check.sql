SELECT count(*) = 1 FROM stays;
