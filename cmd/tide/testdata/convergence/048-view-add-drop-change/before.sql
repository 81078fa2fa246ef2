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
CREATE VIEW user_emails AS SELECT id, email FROM users;
CREATE VIEW big_orders AS SELECT id, user_id, total FROM orders WHERE total > 100;
CREATE VIEW old_report AS SELECT user_id, count(*) AS n FROM orders GROUP BY user_id;
