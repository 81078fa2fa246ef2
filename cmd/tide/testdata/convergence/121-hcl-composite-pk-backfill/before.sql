CREATE TABLE enrollments (
    student_id integer NOT NULL,
    course_id  integer NOT NULL,
    grade      integer,
    PRIMARY KEY (student_id, course_id)
);
