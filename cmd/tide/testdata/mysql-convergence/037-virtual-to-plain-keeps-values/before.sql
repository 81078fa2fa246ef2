CREATE TABLE measures (
  id int NOT NULL PRIMARY KEY,
  base_value int NOT NULL,
  computed_value int GENERATED ALWAYS AS (base_value * 2) VIRTUAL
);
