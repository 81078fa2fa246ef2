INSERT INTO events (id, kind, created_at)
SELECT g, CASE WHEN g % 3 = 0 THEN 'click' ELSE 'view' END, timestamptz '2024-01-01 00:00:00+00' + g * interval '1 minute'
  FROM generate_series(1, 25000) AS g;
