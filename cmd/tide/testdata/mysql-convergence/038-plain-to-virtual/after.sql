-- A plain column becomes VIRTUAL: on MariaDB it is dropped and added again
-- at its place; its values are now computed.
CREATE TABLE measures (
  id int NOT NULL PRIMARY KEY,
  base_value int NOT NULL,
  computed_value int GENERATED ALWAYS AS (base_value * 2) VIRTUAL,
  note varchar(20)
);
