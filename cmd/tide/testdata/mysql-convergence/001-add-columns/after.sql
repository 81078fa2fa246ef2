CREATE TABLE users (
  id int NOT NULL AUTO_INCREMENT PRIMARY KEY,
  email varchar(100) NOT NULL,
  nickname varchar(30),
  active tinyint(1) NOT NULL DEFAULT 1,
  created_at datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
  email_length int AS (char_length(email)) VIRTUAL,
  score decimal(6,2) DEFAULT '0'
);
