--
-- Table structure for table `audit_log`, as SHOW CREATE TABLE prints it
--

CREATE TABLE `audit_log` (
  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `actor` varchar(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  `action` enum('create','update','delete') NOT NULL,
  `payload` longtext CHARACTER SET utf8mb4 COLLATE utf8mb4_bin DEFAULT NULL CHECK (json_valid(`payload`)),
  `at` timestamp NOT NULL DEFAULT current_timestamp(),
  `weird name` int(11) DEFAULT -1 COMMENT 'back\\slash',
  `Mixed``Tick` tinyint(4) DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `actor_at` (`actor`,`at`),
  KEY `weird name` (`weird name`)
) ENGINE=InnoDB AUTO_INCREMENT=42 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci COMMENT='who did what';
