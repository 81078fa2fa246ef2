-- MariaDB cannot MODIFY a VIRTUAL column into a plain one (error 1907):
-- the column is added back STORED, which computes its values, and then made
-- plain, which keeps them.
CREATE TABLE measures (
  id int NOT NULL PRIMARY KEY,
  base_value int NOT NULL,
  computed_value int
);
