-- The statement of POST /users (a user without posts is one statement, no explicit transaction).
\set n random(1, 9000000000000000)
INSERT INTO users (name, email, role) VALUES ('Bench', 'pg' || :n || '@bench.example.com', 'member') RETURNING id, name, email, role, version, created_at, updated_at;
