CREATE TABLE nokey (a int NOT NULL, b int NOT NULL);
CREATE TABLE rekey (a int NOT NULL, b int NOT NULL, PRIMARY KEY (a));
