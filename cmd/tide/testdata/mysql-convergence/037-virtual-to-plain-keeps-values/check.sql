SELECT sum(computed_value) = 24 FROM measures;
SELECT count(*) = 0 FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'measures' AND generation_expression IS NOT NULL AND generation_expression <> '';
