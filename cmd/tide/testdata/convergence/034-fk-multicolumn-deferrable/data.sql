INSERT INTO warehouses (region, code, city) VALUES ('eu', 'LYS', 'Lyon'), ('eu', 'BER', 'Berlin'), ('us', 'JFK', NULL);
INSERT INTO stock (id, region, warehouse_code, sku, qty) VALUES
    (1, 'eu', 'LYS', 'KET-01', 12),
    (2, 'eu', 'BER', 'KET-01', 0),
    (3, 'us', 'JFK', 'TOA-02', 5);
