SELECT count(*) = 3 FROM customers;
SELECT full_name = 'Ada Lovelace' AND postal_code = '10115' FROM customers WHERE id = 1;
SELECT postal_code IS NULL FROM customers WHERE id = 2;
SELECT full_name = 'Alan Turing' FROM customers WHERE id = 3;
SELECT NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'customers' AND column_name IN ('name', 'zip'));
