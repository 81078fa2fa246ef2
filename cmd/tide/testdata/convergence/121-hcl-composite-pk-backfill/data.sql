INSERT INTO enrollments (student_id, course_id, grade) SELECT s, c, CASE WHEN (s + c) % 11 = 0 THEN NULL ELSE (s * 7 + c * 3) % 101 END FROM generate_series(1, 100) AS s, generate_series(1, 30) AS c;
