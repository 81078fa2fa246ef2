SELECT count(*) = 3 FROM tickets;
SELECT subject = 'Coffee' FROM tickets WHERE id = 3;
SELECT bool_and(priority = 'normal') FROM tickets;
SELECT to_regtype('legacy_state') IS NULL AND to_regtype('unused_kind') IS NULL;
SELECT enum_range(NULL::priority)::text = '{low,normal,high}';
