SELECT count(*) = 3 FROM ledger;
SELECT net = 100.00 AND memo = 'opening balance' FROM ledger WHERE id = 1;
SELECT net = -25.50 FROM ledger WHERE id = 2;
SELECT net = -5.00 AND memo IS NULL FROM ledger WHERE id = 3;
SELECT identity_generation = 'BY DEFAULT' FROM information_schema.columns WHERE table_name = 'ledger' AND column_name = 'id';
SELECT collation_name = 'C' FROM information_schema.columns WHERE table_name = 'ledger' AND column_name = 'memo';
SELECT col_description('ledger'::regclass, 3) = 'Money in';
SELECT obj_description('ledger'::regclass, 'pg_class') = 'Double-entry movements';
SELECT nextval(pg_get_serial_sequence('ledger', 'id')) > 3;
