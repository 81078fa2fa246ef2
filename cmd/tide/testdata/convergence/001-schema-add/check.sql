SELECT count(*) = 3 FROM users;
SELECT email = 'chloe@example.com' FROM users WHERE id = 3;
SELECT count(*) = 0 FROM billing.invoices;
SELECT obj_description('billing'::regnamespace, 'pg_namespace') = 'Invoices and payments';
