-- On MariaDB a UNIQUE … USING HASH index is a "long unique" index backed by
-- a hidden virtual column: only ALGORITHM=COPY can add it.
CREATE TABLE users (
  id int NOT NULL PRIMARY KEY,
  credential tinyblob NOT NULL,
  UNIQUE KEY credential (credential) USING HASH
);
