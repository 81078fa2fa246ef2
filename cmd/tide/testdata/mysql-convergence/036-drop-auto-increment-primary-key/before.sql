CREATE TABLE friends (
  id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id bigint NOT NULL,
  created_at datetime NOT NULL
);
