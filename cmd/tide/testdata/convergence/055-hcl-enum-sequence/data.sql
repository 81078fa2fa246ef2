INSERT INTO accounts (id, plan, invoice_no) VALUES
    (1, 'pro', nextval('invoice_seq')),
    (2, 'free', NULL),
    (3, 'free', nextval('invoice_seq'));
