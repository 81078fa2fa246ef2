CREATE TABLE customers (id int PRIMARY KEY);
CREATE TABLE orders (id int PRIMARY KEY, customer_id int, old_ref int, KEY (old_ref),
  CONSTRAINT orders_cust_changes FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE);
CREATE TABLE order_lines (id int PRIMARY KEY, order_id int, CONSTRAINT order_lines_order FOREIGN KEY (order_id) REFERENCES orders (id));
