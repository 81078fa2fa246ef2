SELECT last_name = 'Lovelace' AND phone = '123' AND first_name IS NULL FROM contacts;
SELECT group_concat(column_name ORDER BY ordinal_position) = 'uuid,id,first_name,middle,last_name,phone' FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'contacts';
