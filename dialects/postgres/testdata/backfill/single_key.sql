DO $tide$
-- tide backfill of "public"."orders": keyset batches of 500 rows over ("id"), one commit per batch.
-- Run it outside a transaction block (psql autocommit). Re-running it is safe.
DECLARE
    tide_max_1 "public"."orders"."id"%TYPE;
    tide_last_1 "public"."orders"."id"%TYPE;
    tide_batch_rows bigint;
    tide_updated_rows bigint;
    tide_batches bigint := 0;
    tide_scanned bigint := 0;
    tide_updated bigint := 0;
    tide_estimate text;
BEGIN
    SELECT CASE WHEN reltuples > 0 THEN 'about ' || reltuples::bigint ELSE 'an unknown number of' END
      INTO tide_estimate FROM pg_class WHERE oid = '"public"."orders"'::regclass;
    SELECT "id" FROM "public"."orders" ORDER BY "id" DESC LIMIT 1 INTO tide_max_1;
    IF NOT FOUND THEN
        RAISE NOTICE 'tide backfill %: the table is empty, nothing to do', 'public.orders';
        RETURN;
    END IF;
    LOOP
        IF tide_batches = 0 THEN
            WITH tide_batch AS (
                SELECT "id" AS tide_k1
                  FROM "public"."orders"
                 WHERE ("id") <= (tide_max_1)
                 ORDER BY "id"
                 LIMIT 500
                   FOR NO KEY UPDATE
            ), tide_updated AS (
                UPDATE "public"."orders" AS tide_target
                   SET "amount__tide_new" = (amount::bigint)
                  FROM tide_batch
                 WHERE tide_target."id" = tide_batch.tide_k1
                RETURNING 1
            )
            SELECT tide_last.tide_k1,
                   (SELECT count(*) FROM tide_batch) AS tide_batch_rows,
                   (SELECT count(*) FROM tide_updated) AS tide_updated_rows
              INTO tide_last_1, tide_batch_rows, tide_updated_rows
              FROM (SELECT tide_k1 FROM tide_batch ORDER BY tide_k1 DESC LIMIT 1) AS tide_last;
        ELSE
            WITH tide_batch AS (
                SELECT "id" AS tide_k1
                  FROM "public"."orders"
                 WHERE ("id") > (tide_last_1)
                   AND ("id") <= (tide_max_1)
                 ORDER BY "id"
                 LIMIT 500
                   FOR NO KEY UPDATE
            ), tide_updated AS (
                UPDATE "public"."orders" AS tide_target
                   SET "amount__tide_new" = (amount::bigint)
                  FROM tide_batch
                 WHERE tide_target."id" = tide_batch.tide_k1
                RETURNING 1
            )
            SELECT tide_last.tide_k1,
                   (SELECT count(*) FROM tide_batch) AS tide_batch_rows,
                   (SELECT count(*) FROM tide_updated) AS tide_updated_rows
              INTO tide_last_1, tide_batch_rows, tide_updated_rows
              FROM (SELECT tide_k1 FROM tide_batch ORDER BY tide_k1 DESC LIMIT 1) AS tide_last;
        END IF;
        EXIT WHEN NOT FOUND;
        COMMIT;
        tide_batches := tide_batches + 1;
        tide_scanned := tide_scanned + tide_batch_rows;
        tide_updated := tide_updated + tide_updated_rows;
        RAISE NOTICE 'tide backfill %: batch %, % of % rows scanned, % updated, last key (%) of (%)',
            'public.orders', tide_batches, tide_scanned, tide_estimate, tide_updated, tide_last_1, tide_max_1;
        PERFORM pg_sleep(0.05);
    END LOOP;
    RAISE NOTICE 'tide backfill %: done, % batches, % rows scanned, % updated', 'public.orders', tide_batches, tide_scanned, tide_updated;
END
$tide$;
