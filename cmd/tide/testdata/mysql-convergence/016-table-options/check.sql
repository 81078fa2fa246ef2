SELECT (SELECT msg FROM logs) = 'hello' AND (SELECT v FROM kv WHERE k = 'a') = 'b';
