SELECT count(*) = 3 FROM users;
SELECT count(*) = 1 FROM users WHERE credential = 'beta';
