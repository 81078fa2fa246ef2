SELECT count(*) = 4 FROM users;
SELECT email = 'ana@example.com' AND deleted_at IS NOT NULL FROM users WHERE id = 3;
SELECT indisunique AND indisvalid FROM pg_index WHERE indexrelid = 'users_lower_email_key'::regclass;
SELECT NOT indisunique FROM pg_index WHERE indexrelid = 'users_team_idx'::regclass;
SELECT indpred IS NOT NULL FROM pg_index WHERE indexrelid = 'users_active_login_idx'::regclass;
SELECT indexprs IS NOT NULL FROM pg_index WHERE indexrelid = 'users_theme_idx'::regclass;
