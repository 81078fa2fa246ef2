SELECT count(*) = 4 FROM invoices;
SELECT number = 1002 FROM invoices WHERE id = 3;
SELECT number = 5000 FROM invoices WHERE id = 4;
SELECT last_value = 1002 FROM invoice_no;
SELECT increment_by = 10 AND min_value = 1000 AND max_value = 9999999 AND cache_size = 20 AND cycle FROM pg_sequences WHERE sequencename = 'invoice_no';
SELECT data_type = 'integer'::regtype FROM pg_sequences WHERE sequencename = 'ticket_no';
SELECT start_value = 500 FROM pg_sequences WHERE sequencename = 'order_ref';
SELECT to_regclass('public.old_seq') IS NULL;
