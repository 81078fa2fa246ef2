SELECT obj_description('app'::regnamespace, 'pg_namespace') = 'Application tables';
SELECT obj_description('reporting'::regnamespace, 'pg_namespace') = 'Read-only aggregates for dashboards';
SELECT obj_description('archive'::regnamespace, 'pg_namespace') IS NULL;
SELECT count(*) = 2 FROM app.accounts;
SELECT total IS NULL FROM reporting.daily_totals WHERE day = '2024-05-02';
