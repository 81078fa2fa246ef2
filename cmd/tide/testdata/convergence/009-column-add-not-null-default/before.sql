CREATE TABLE subscriptions (
    id      integer PRIMARY KEY,
    email   text NOT NULL,
    plan    text
);
