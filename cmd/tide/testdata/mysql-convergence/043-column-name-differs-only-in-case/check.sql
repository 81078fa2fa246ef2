SELECT GROUP_CONCAT(Name ORDER BY id) = 'Ada,Grace' FROM users;
SELECT count(*) = 1 FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'users' AND BINARY column_name = 'Name';
SELECT count(*) = 1 FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = 'users' AND BINARY index_name = 'By_Name';
SELECT count(*) = 1 FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'users' AND column_name = 'email';
