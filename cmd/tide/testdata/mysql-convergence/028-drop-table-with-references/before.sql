CREATE TABLE parents (id int PRIMARY KEY);
CREATE TABLE kids (id int PRIMARY KEY, parent_id int, FOREIGN KEY (parent_id) REFERENCES parents (id));
CREATE TABLE stays (id int PRIMARY KEY);
