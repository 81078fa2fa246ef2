SELECT count(*) = 4 FROM customers;
SELECT count(*) = 3 FROM active_customer_emails;
SELECT email = 'alan@example.com' FROM active_customer_emails WHERE display_name = 'Alan';
SELECT character_maximum_length = 100 FROM information_schema.columns WHERE table_name = 'active_customers' AND column_name = 'display_name';
