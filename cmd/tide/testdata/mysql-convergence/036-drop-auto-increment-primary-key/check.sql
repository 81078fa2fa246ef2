SELECT count(*) = 2 FROM friends;
SELECT sum(user_id) = 21 FROM friends;
