SELECT (SELECT country FROM profiles WHERE id = 1) = 'DE' AND (SELECT country FROM profiles WHERE id = 2) = 'FR';
