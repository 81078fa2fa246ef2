SELECT count(*) = 2 FROM products;
SELECT pg_get_indexdef('products_sku_idx'::regclass) = 'CREATE INDEX products_sku_idx ON public.products USING btree (sku)';
SELECT pg_get_indexdef('products_sku_pattern_idx'::regclass) LIKE '%(sku text_pattern_ops)';
SELECT pg_get_indexdef('products_name_idx'::regclass) LIKE '%(name, sku text_pattern_ops)';
SELECT pg_get_indexdef('products_lower_name_idx'::regclass) LIKE '%(lower((name)::text))';
SELECT pg_get_indexdef('products_attrs_idx'::regclass) LIKE '%USING gin (attrs)';
SELECT pg_get_indexdef('products_attrs_path_idx'::regclass) LIKE '%USING gin (attrs jsonb_path_ops)';
