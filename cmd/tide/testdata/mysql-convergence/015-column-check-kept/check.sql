SELECT qty = 3 AND json_value(doc, '$.a') = 1 FROM m;
