CREATE TABLE employees (
    id        integer PRIMARY KEY,
    name      text NOT NULL,
    salary    numeric(10,2),
    hired_on  date
);
COMMENT ON COLUMN employees.salary IS 'yearly';
COMMENT ON COLUMN employees.hired_on IS 'First working day';
