CREATE TABLE customers (
  id bigint unsigned NOT NULL AUTO_INCREMENT,
  email varchar(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  active tinyint(1) NOT NULL DEFAULT 1,
  updated_at timestamp NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  score int AS (`id` * 2) VIRTUAL,
  note varchar(20) DEFAULT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY email_key (email),
  KEY by_email_prefix (email(10)),
  CONSTRAINT id_positive CHECK (id > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci COMMENT='people';

CREATE TABLE orders (
  id int NOT NULL PRIMARY KEY,
  customer_id bigint unsigned,
  CONSTRAINT orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id) ON UPDATE CASCADE
);
