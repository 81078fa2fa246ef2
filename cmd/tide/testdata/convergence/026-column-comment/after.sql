CREATE TABLE employees (
    id        integer PRIMARY KEY,
    name      text NOT NULL,
    salary    numeric(10,2),
    hired_on  date
);
COMMENT ON COLUMN employees.name IS 'Full legal name';
COMMENT ON COLUMN employees.salary IS 'Gross yearly salary in EUR';
