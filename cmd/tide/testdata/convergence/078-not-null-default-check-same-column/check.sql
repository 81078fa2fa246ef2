SELECT count(*) = 2 FROM accounts;
SELECT balance = 100 AND currency = 'EUR' FROM accounts WHERE id = 1;
SELECT convalidated FROM pg_constraint WHERE conname = 'accounts_balance_check';
SELECT count(*) = 1 FROM pg_constraint WHERE conrelid = 'accounts'::regclass AND contype = 'c';
SELECT bool_and(attnotnull) FROM pg_attribute WHERE attrelid = 'accounts'::regclass AND attname IN ('balance', 'currency');
