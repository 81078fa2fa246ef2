CREATE TABLE logs (
  id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
  line varchar(255) NOT NULL
);

CREATE TABLE blobs (
  id int NOT NULL PRIMARY KEY,
  data mediumtext
) KEY_BLOCK_SIZE=4;
