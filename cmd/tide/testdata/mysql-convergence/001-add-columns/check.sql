SELECT count(*) = 2 AND sum(active) = 2 AND sum(score = 0) = 2 AND sum(email_length = 3) = 2 AND sum(created_at IS NOT NULL) = 2 FROM users;
