WITH tide_batch AS (
    SELECT "id" AS tide_k1
      FROM "public"."orders"
     WHERE ("id") > ($1)
       AND ("id") <= ($2)
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
  FROM (SELECT tide_k1 FROM tide_batch ORDER BY tide_k1 DESC LIMIT 1) AS tide_last;
