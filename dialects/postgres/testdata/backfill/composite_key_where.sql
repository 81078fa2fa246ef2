DO $tide1$
-- tide backfill of "Sales Data"."Order Lines": keyset batches of 100 rows over ("Region", "line no"), one commit per batch.
-- Run it outside a transaction block (psql autocommit). Re-running it is safe.
DECLARE
    tide_max_1 "Sales Data"."Order Lines"."Region"%TYPE;
    tide_last_1 "Sales Data"."Order Lines"."Region"%TYPE;
    tide_max_2 "Sales Data"."Order Lines"."line no"%TYPE;
    tide_last_2 "Sales Data"."Order Lines"."line no"%TYPE;
    tide_batch_rows bigint;
    tide_updated_rows bigint;
    tide_batches bigint := 0;
    tide_scanned bigint := 0;
    tide_updated bigint := 0;
    tide_estimate text;
BEGIN
    SELECT CASE WHEN reltuples > 0 THEN 'about ' || reltuples::bigint ELSE 'an unknown number of' END
      INTO tide_estimate FROM pg_class WHERE oid = '"Sales Data"."Order Lines"'::regclass;
    SELECT "Region", "line no" FROM "Sales Data"."Order Lines" ORDER BY "Region" DESC, "line no" DESC LIMIT 1 INTO tide_max_1, tide_max_2;
    IF NOT FOUND THEN
        RAISE NOTICE 'tide backfill %: the table is empty, nothing to do', 'Sales Data.Order Lines';
        RETURN;
    END IF;
    LOOP
        IF tide_batches = 0 THEN
            WITH tide_batch AS (
                SELECT "Region" AS tide_k1, "line no" AS tide_k2
                  FROM "Sales Data"."Order Lines"
                 WHERE ("Region", "line no") <= (tide_max_1, tide_max_2)
                 ORDER BY "Region", "line no"
                 LIMIT 100
                   FOR NO KEY UPDATE
            ), tide_updated AS (
                UPDATE "Sales Data"."Order Lines" AS tide_target
                   SET "Total ""cents""" = ("Unit Price" * qty * 100),
                       "note" = ('$tide$ ' || "Region" || '/' || "line no")
                  FROM tide_batch
                 WHERE tide_target."Region" = tide_batch.tide_k1
                   AND tide_target."line no" = tide_batch.tide_k2
                   AND (qty > 0)
                RETURNING 1
            )
            SELECT tide_last.tide_k1, tide_last.tide_k2,
                   (SELECT count(*) FROM tide_batch) AS tide_batch_rows,
                   (SELECT count(*) FROM tide_updated) AS tide_updated_rows
              INTO tide_last_1, tide_last_2, tide_batch_rows, tide_updated_rows
              FROM (SELECT tide_k1, tide_k2 FROM tide_batch ORDER BY tide_k1 DESC, tide_k2 DESC LIMIT 1) AS tide_last;
        ELSE
            WITH tide_batch AS (
                SELECT "Region" AS tide_k1, "line no" AS tide_k2
                  FROM "Sales Data"."Order Lines"
                 WHERE ("Region", "line no") > (tide_last_1, tide_last_2)
                   AND ("Region", "line no") <= (tide_max_1, tide_max_2)
                 ORDER BY "Region", "line no"
                 LIMIT 100
                   FOR NO KEY UPDATE
            ), tide_updated AS (
                UPDATE "Sales Data"."Order Lines" AS tide_target
                   SET "Total ""cents""" = ("Unit Price" * qty * 100),
                       "note" = ('$tide$ ' || "Region" || '/' || "line no")
                  FROM tide_batch
                 WHERE tide_target."Region" = tide_batch.tide_k1
                   AND tide_target."line no" = tide_batch.tide_k2
                   AND (qty > 0)
                RETURNING 1
            )
            SELECT tide_last.tide_k1, tide_last.tide_k2,
                   (SELECT count(*) FROM tide_batch) AS tide_batch_rows,
                   (SELECT count(*) FROM tide_updated) AS tide_updated_rows
              INTO tide_last_1, tide_last_2, tide_batch_rows, tide_updated_rows
              FROM (SELECT tide_k1, tide_k2 FROM tide_batch ORDER BY tide_k1 DESC, tide_k2 DESC LIMIT 1) AS tide_last;
        END IF;
        EXIT WHEN NOT FOUND;
        COMMIT;
        tide_batches := tide_batches + 1;
        tide_scanned := tide_scanned + tide_batch_rows;
        tide_updated := tide_updated + tide_updated_rows;
        RAISE NOTICE 'tide backfill %: batch %, % of % rows scanned, % updated, last key (%, %) of (%, %)',
            'Sales Data.Order Lines', tide_batches, tide_scanned, tide_estimate, tide_updated, tide_last_1, tide_last_2, tide_max_1, tide_max_2;
        PERFORM pg_sleep(0.05);
    END LOOP;
    RAISE NOTICE 'tide backfill %: done, % batches, % rows scanned, % updated', 'Sales Data.Order Lines', tide_batches, tide_scanned, tide_updated;
END
$tide1$;
