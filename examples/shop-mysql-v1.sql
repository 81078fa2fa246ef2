-- The MySQL/MariaDB shop as it was one release ago. examples/demo-mysql.sh
-- loads this file into a scratch database, then plans and applies the HCL in
-- examples/shop-mysql/ on top of it. The differences tide should find:
--   products     price decimal(10,2) -> decimal(12,2) (a type change only COPY
--                can do: TABLE_COPY hazard with a pt-osc command line; gh-ost
--                refuses a table with foreign keys),
--                new check products_price_check, new prefix index
--                products_name_prefix_idx, legacy_code dropped (data loss)
--   customers    name renamed to full_name (renamed_from), new nullable column
--                phone, new NOT NULL column email_domain filled from email by a
--                batched backfill
--   orders       status gains 'refunded' at the end of its ENUM (INSTANT)
--   order_lines  new foreign key order_lines_product_fk and its index
--   product_views id int unsigned -> bigint unsigned (COPY again; the table has
--                no foreign keys, so gh-ost is offered beside pt-osc)
--
-- Plain MySQL DDL for MySQL 8 and MariaDB 10.5+ (what the plan looks like on
-- MariaDB 10.11 is in examples/README.md).

CREATE TABLE categories (
    id        int unsigned NOT NULL AUTO_INCREMENT,
    parent_id int unsigned NULL COMMENT 'NULL for a top-level category',
    name      varchar(100) NOT NULL,
    slug      varchar(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY categories_slug_key (slug),
    KEY categories_parent_idx (parent_id),
    CONSTRAINT categories_parent_fk FOREIGN KEY (parent_id) REFERENCES categories (id) ON DELETE SET NULL,
    CONSTRAINT categories_slug_check CHECK (slug REGEXP '^[a-z0-9-]+$')
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='A tree of product categories';

CREATE TABLE products (
    id          bigint unsigned NOT NULL AUTO_INCREMENT,
    sku         varchar(32) CHARACTER SET ascii COLLATE ascii_general_ci NOT NULL COMMENT 'Stock keeping unit, printed on the label',
    name        varchar(200) NOT NULL,
    description text NULL,
    category_id int unsigned NULL,
    status      enum('draft','active','discontinued') NOT NULL DEFAULT 'draft',
    tags        set('new','sale','eco') NOT NULL DEFAULT '',
    price       decimal(10,2) NOT NULL,
    currency    char(3) NOT NULL DEFAULT 'EUR',
    attributes  json NULL COMMENT 'Free-form facets: colour, size, material',
    created_at  datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at  datetime NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    legacy_code varchar(20) NULL,
    PRIMARY KEY (id),
    UNIQUE KEY products_sku_key (sku),
    KEY products_category_status_idx (category_id, status),
    CONSTRAINT products_category_fk FOREIGN KEY (category_id) REFERENCES categories (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Everything that can be put in a basket';

CREATE TABLE customers (
    id         bigint unsigned NOT NULL AUTO_INCREMENT,
    email      varchar(255) NOT NULL,
    name       varchar(200) NOT NULL,
    created_at datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (id),
    UNIQUE KEY customers_email_key (email),
    CONSTRAINT customers_email_check CHECK (locate('@', email) > 1)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='People who have bought something';

CREATE TABLE orders (
    id               bigint unsigned NOT NULL AUTO_INCREMENT,
    customer_id      bigint unsigned NOT NULL,
    status           enum('pending','paid','shipped','cancelled') NOT NULL DEFAULT 'pending',
    currency         char(3) NOT NULL DEFAULT 'EUR',
    placed_at        datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at       datetime(3) NULL ON UPDATE CURRENT_TIMESTAMP(3),
    shipping_address text NULL,
    PRIMARY KEY (id),
    KEY orders_customer_placed_idx (customer_id, placed_at),
    KEY orders_status_idx (status),
    CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE RESTRICT
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='One checkout';

CREATE TABLE order_lines (
    order_id   bigint unsigned NOT NULL,
    line_no    smallint unsigned NOT NULL,
    product_id bigint unsigned NOT NULL,
    qty        int unsigned NOT NULL DEFAULT 1,
    unit_price decimal(12,2) NOT NULL,
    PRIMARY KEY (order_id, line_no),
    CONSTRAINT order_lines_order_fk FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE,
    CONSTRAINT order_lines_qty_check CHECK (qty BETWEEN 1 AND 1000)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='What was ordered, one product per line';

CREATE TABLE product_views (
    id          int unsigned NOT NULL AUTO_INCREMENT,
    product_id  bigint unsigned NOT NULL,
    customer_id bigint unsigned NULL COMMENT 'NULL for a visitor who is not signed in',
    viewed_at   datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (id),
    KEY product_views_product_idx (product_id, viewed_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Who looked at what; no foreign keys, to keep this busy table cheap to write';

INSERT INTO categories (id, parent_id, name, slug) VALUES
    (1, NULL, 'Kitchen', 'kitchen'),
    (2, 1, 'Knives', 'knives'),
    (3, 1, 'Pans', 'pans');

INSERT INTO products (id, sku, name, description, category_id, status, tags, price, attributes, legacy_code) VALUES
    (1, 'KN-CHEF-20', 'Chef''s knife, 20 cm', 'Forged steel, full tang', 2, 'active', 'new', 89.00, '{"steel": "X50CrMoV15"}', 'A-100'),
    (2, 'KN-PARING-9', 'Paring knife, 9 cm', NULL, 2, 'active', 'sale,eco', 24.50, NULL, 'A-101'),
    (3, 'PN-CAST-28', 'Cast-iron pan, 28 cm', 'Pre-seasoned', 3, 'active', '', 65.00, '{"diameter_cm": 28}', NULL),
    (4, 'PN-WOK-32', 'Carbon-steel wok, 32 cm', NULL, 3, 'draft', '', 49.90, NULL, 'B-7');

INSERT INTO customers (id, email, name) VALUES
    (1, 'ada@example.org', 'Ada Lovelace'),
    (2, 'grace@navy.example.mil', 'Grace Hopper'),
    (3, 'alan@example.co.uk', 'Alan Turing');

INSERT INTO orders (id, customer_id, status, placed_at, shipping_address) VALUES
    (1, 1, 'shipped', '2024-03-01 10:15:00.000', '12 St James''s Square, London'),
    (2, 2, 'paid', '2024-03-02 16:40:00.000', NULL),
    (3, 1, 'pending', '2024-03-03 09:05:00.000', NULL);

INSERT INTO order_lines (order_id, line_no, product_id, qty, unit_price) VALUES
    (1, 1, 1, 1, 89.00),
    (1, 2, 2, 2, 24.50),
    (2, 1, 3, 1, 65.00),
    (3, 1, 2, 3, 24.50);

INSERT INTO product_views (id, product_id, customer_id, viewed_at) VALUES
    (1, 1, 1, '2024-03-01 10:01:12.250'),
    (2, 2, 1, '2024-03-01 10:03:40.000'),
    (3, 3, NULL, '2024-03-02 08:15:00.500'),
    (4, 3, 2, '2024-03-02 16:35:09.125'),
    (5, 4, NULL, '2024-03-04 21:00:00.000');
