CREATE TABLE products (
    id    integer PRIMARY KEY,
    sku   text NOT NULL,
    name  varchar(80) NOT NULL,
    attrs jsonb
);
CREATE INDEX products_sku_idx ON products USING btree (sku text_ops);
CREATE INDEX products_sku_pattern_idx ON products (sku text_pattern_ops);
CREATE INDEX products_name_idx ON products (name text_ops, sku text_pattern_ops);
CREATE INDEX products_lower_name_idx ON products ((lower(name)) text_ops);
CREATE INDEX products_attrs_idx ON products USING gin (attrs jsonb_ops);
CREATE INDEX products_attrs_path_idx ON products USING gin (attrs jsonb_path_ops);
