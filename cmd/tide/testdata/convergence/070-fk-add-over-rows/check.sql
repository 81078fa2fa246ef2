SELECT count(*) = 4 FROM invoices;
SELECT count(*) = 1 FROM invoices WHERE customer_id IS NULL;
SELECT convalidated FROM pg_constraint WHERE conname = 'invoices_customer_fk';
SELECT confdeltype = 'r' FROM pg_constraint WHERE conname = 'invoices_customer_fk';
SELECT count(*) = 0 FROM pg_constraint WHERE conname LIKE '%\_\_tide%';
