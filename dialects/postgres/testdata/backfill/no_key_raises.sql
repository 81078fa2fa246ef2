DO $tide$
BEGIN
    RAISE EXCEPTION '%', 'backfill of public.orders: the table has no primary key or unique NOT NULL key to walk in batches; add a primary key first';
END
$tide$;
