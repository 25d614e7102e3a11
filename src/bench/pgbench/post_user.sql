-- The statement of POST /users (a user without posts is one statement, no explicit transaction).
-- run.sh passes -D name=Bench -D role=member; the email is a unique expression standing for the server's parameter.
\set n random(1, 9000000000000000)
INSERT INTO users (name, email, role) VALUES (:name, 'pg' || :n || '@bench.example.com', :role) RETURNING id, created_at, name, email, role, version, updated_at;
