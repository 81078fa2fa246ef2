SELECT count(*) = 2 FROM members;
