-- The rule this migration defined lives in src/registration/sql/register_place.sql (a repeatable
-- migration, applied whenever it changes): see src/db/migrate.ts.
SELECT 1;
