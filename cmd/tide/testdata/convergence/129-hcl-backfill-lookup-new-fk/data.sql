INSERT INTO countries (id, iso, name) VALUES (1, 'FR', 'France'), (2, 'DE', 'Germany'), (3, 'IT', 'Italy');
INSERT INTO addresses (id, street, country) SELECT g, g || ' Main St', (ARRAY['FR', 'DE', 'IT'])[g % 3 + 1] FROM generate_series(1, 1500) AS g;
