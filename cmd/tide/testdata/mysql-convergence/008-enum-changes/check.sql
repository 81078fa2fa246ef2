SELECT (SELECT status FROM orders WHERE id = 1) = 'paid' AND (SELECT flags FROM orders WHERE id = 1) = 'a,b' AND (SELECT kind FROM orders WHERE id = 2) = 'x';
