CREATE TABLE users (
    id         integer PRIMARY KEY,
    email      text NOT NULL,
    name       text,
    deleted_at timestamp
);
CREATE TABLE orders (
    id      integer PRIMARY KEY,
    user_id integer NOT NULL REFERENCES users (id),
    total   numeric(10,2) NOT NULL
);
CREATE VIEW user_emails AS SELECT id, email, name FROM users;
CREATE VIEW big_orders AS SELECT id, user_id, total FROM orders WHERE total > 500;
CREATE VIEW active_users AS SELECT id, email FROM users WHERE deleted_at IS NULL;
COMMENT ON VIEW active_users IS 'Users that have not been soft-deleted';
