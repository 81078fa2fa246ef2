INSERT INTO tickets (id, state, history) SELECT g, CASE WHEN g % 2 = 0 THEN 'open' ELSE 'closed' END::ticket_state, ARRAY['open', 'closed']::ticket_state[] FROM generate_series(1, 600) AS g;
