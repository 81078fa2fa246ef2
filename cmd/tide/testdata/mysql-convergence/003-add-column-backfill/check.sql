SELECT (SELECT confirmed FROM accounts WHERE id = 1) = 0 AND (SELECT confirmed FROM accounts WHERE id = 2) = 1;
