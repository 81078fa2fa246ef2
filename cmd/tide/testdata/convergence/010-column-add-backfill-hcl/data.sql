INSERT INTO order_lines (id, sku, qty, unit_price) VALUES
    (1, 'KET-01', 1, 25.00),
    (2, 'TOA-02', 3, 12.50),
    (3, 'BLE-03', 2, 0.99),
    (4, 'GRI-04', 10, 1.05),
    (5, 'MUG-05', 0, 7.00);
