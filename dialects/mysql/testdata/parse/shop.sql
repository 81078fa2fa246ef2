-- A small shop, written the way people write MySQL by hand.
CREATE TABLE customers (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  email VARCHAR(255) CHARACTER SET ascii COLLATE ascii_general_ci NOT NULL UNIQUE,
  name varchar(100) NOT NULL DEFAULT '',
  nickname varchar(40) DEFAULT NULL COMMENT 'shown in the UI; "quoted" and it''s fine',
  is_active BOOLEAN NOT NULL DEFAULT TRUE,
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated_at TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  KEY idx_name (name(20)),
  CHECK (email LIKE '%@%')
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='people who buy things';

CREATE TABLE products (
  id int NOT NULL AUTO_INCREMENT,
  sku char(12) NOT NULL,
  title varchar(200) NOT NULL,
  description text,
  price decimal(10,2) unsigned NOT NULL DEFAULT '0.00',
  weight_kg float DEFAULT NULL,
  status enum('draft','live','retired') NOT NULL DEFAULT 'draft',
  tags set('new','sale','eco') DEFAULT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_sku (sku),
  FULLTEXT KEY ft_title_description (title, description)
) ENGINE=InnoDB AUTO_INCREMENT=1000 DEFAULT CHARSET=utf8mb4;

CREATE TABLE orders (
  id bigint unsigned NOT NULL AUTO_INCREMENT,
  customer_id bigint unsigned NOT NULL,
  placed_at datetime NOT NULL,
  total decimal(12,2) NOT NULL,
  total_with_tax decimal(12,2) GENERATED ALWAYS AS (total * 1.2) STORED,
  note varchar(500) GENERATED ALWAYS AS (concat('order ', id)) VIRTUAL,
  PRIMARY KEY (id),
  KEY (customer_id, placed_at DESC),
  CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  CONSTRAINT chk_total CHECK (total >= 0)
);

CREATE TABLE order_items (
  order_id bigint unsigned NOT NULL,
  product_id int NOT NULL,
  quantity smallint unsigned NOT NULL DEFAULT 1,
  PRIMARY KEY (order_id, product_id),
  FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE,
  FOREIGN KEY (product_id) REFERENCES products (id),
  CHECK (quantity > 0)
);
