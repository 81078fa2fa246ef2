INSERT INTO documents (id, tenant_id, body) SELECT g, g % 4, 'doc ' || g FROM generate_series(1, 1000) AS g;
