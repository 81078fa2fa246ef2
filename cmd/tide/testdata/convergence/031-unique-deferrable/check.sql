SELECT count(*) = 3 FROM slots;
SELECT code = 'C' FROM slots WHERE position = 3;
SELECT condeferrable AND condeferred FROM pg_constraint WHERE conname = 'slots_position_key';
SELECT NOT condeferrable FROM pg_constraint WHERE conname = 'slots_label_key';
SELECT condeferrable AND NOT condeferred FROM pg_constraint WHERE conname = 'slots_code_key';
