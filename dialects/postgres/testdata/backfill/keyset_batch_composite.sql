SELECT "Region", "line no" FROM "Sales Data"."Order Lines" ORDER BY "Region" DESC, "line no" DESC LIMIT 1;

WITH tide_batch AS (
    SELECT "Region" AS tide_k1, "line no" AS tide_k2
      FROM "Sales Data"."Order Lines"
     WHERE ("Region", "line no") > ($1, $2)
       AND ("Region", "line no") <= ($3, $4)
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
  FROM (SELECT tide_k1, tide_k2 FROM tide_batch ORDER BY tide_k1 DESC, tide_k2 DESC LIMIT 1) AS tide_last;
