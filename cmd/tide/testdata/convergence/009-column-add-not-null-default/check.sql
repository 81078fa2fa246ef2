SELECT count(*) = 3 FROM subscriptions;
SELECT bool_and(status = 'active') FROM subscriptions;
SELECT bool_and(seats = 1 AND NOT trial) FROM subscriptions;
SELECT bool_and(created_at IS NOT NULL) FROM subscriptions;
SELECT plan IS NULL FROM subscriptions WHERE id = 2;
