SELECT count(*) = 3 FROM memberships;
SELECT role = 'owner' FROM memberships WHERE org_id = 10 AND user_id = 100;
SELECT count(*) = 2 FROM order_lines;
SELECT pg_get_constraintdef(oid) = 'PRIMARY KEY (org_id, user_id)' FROM pg_constraint WHERE conname = 'memberships_pkey';
SELECT pg_get_constraintdef(oid) = 'PRIMARY KEY (order_id, line_no)' FROM pg_constraint WHERE conname = 'order_lines_pk';
