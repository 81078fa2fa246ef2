SELECT count(*) = 1 FROM posts WHERE MATCH (title, body) AGAINST ('world');
