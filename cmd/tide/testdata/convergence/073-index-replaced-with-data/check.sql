SELECT count(*) = 4 FROM shipments;
SELECT indexdef LIKE '%(carrier, shipped_at DESC)' FROM pg_indexes WHERE indexname = 'shipments_carrier_idx';
SELECT indexdef LIKE 'CREATE UNIQUE INDEX%WHERE (tracking IS NOT NULL)' FROM pg_indexes WHERE indexname = 'shipments_tracking_idx';
SELECT bool_and(indisvalid) FROM pg_index WHERE indrelid = 'shipments'::regclass;
SELECT count(*) = 0 FROM pg_class WHERE relname LIKE '%\_\_tide%';
