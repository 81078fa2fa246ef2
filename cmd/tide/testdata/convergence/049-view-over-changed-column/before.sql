CREATE TABLE orders (
    id          integer PRIMARY KEY,
    customer    text NOT NULL,
    amount      integer NOT NULL
);
CREATE VIEW order_totals AS
    SELECT customer, sum(amount) AS total, count(*) AS orders
    FROM orders
    GROUP BY customer;
