INSERT INTO ledger (id, debit, credit, memo) VALUES
    (1, 0, 100.00, 'opening balance'),
    (2, 25.50, 0, 'Coffee beans'),
    (3, 10.00, 5.00, NULL);
