-- The rule this migration defined lives in src/registration/sql/register_by_email.sql (a repeatable
-- migration, applied whenever it changes): see src/db/migrate.ts.
SELECT 1;
