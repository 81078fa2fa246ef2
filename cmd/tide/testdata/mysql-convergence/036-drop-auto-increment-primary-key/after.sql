-- The AUTO_INCREMENT primary key column goes: the key's drop takes
-- AUTO_INCREMENT off the column in the same statement (the server refuses
-- an AUTO_INCREMENT column without a key), then the column is dropped.
CREATE TABLE friends (
  user_id bigint NOT NULL,
  created_at datetime NOT NULL
);
