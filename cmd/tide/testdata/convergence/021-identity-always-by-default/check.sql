SELECT count(*) = 2 FROM invoices;
SELECT amount = 250.50 FROM invoices WHERE id = 2;
SELECT sum(amount) = 350.50 FROM payments;
SELECT identity_generation = 'BY DEFAULT' FROM information_schema.columns WHERE table_name = 'invoices' AND column_name = 'id';
SELECT identity_generation = 'ALWAYS' FROM information_schema.columns WHERE table_name = 'payments' AND column_name = 'id';
SELECT nextval(pg_get_serial_sequence('payments', 'id')) = 4;
