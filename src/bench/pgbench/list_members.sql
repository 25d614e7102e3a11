-- The statement of GET /users?role=member: a page of 20, fetched as 21 rows to know whether more exist.
-- run.sh passes -D role=member (pgbench binds -D strings as parameters, as the server does).
\set rows 21
SELECT u.id, u.created_at, u.name, u.email, u.role, u.version, u.updated_at FROM users u WHERE TRUE AND u.role = :role ORDER BY u.created_at DESC, u.id DESC LIMIT :rows;
