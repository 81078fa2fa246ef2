SELECT count(*) = 2 FROM item_prices WHERE supplier_id IS NULL;
SELECT GROUP_CONCAT(column_name ORDER BY seq_in_index) = 'supplier_id,item_id' FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = 'item_prices' AND index_name = 'prices_item_fk';
