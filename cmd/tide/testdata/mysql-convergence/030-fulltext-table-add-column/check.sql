SELECT count(*) = 1 FROM articles WHERE MATCH (body) AGAINST ('hello');
