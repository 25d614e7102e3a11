-- The two statements of GET /users/{id}, exactly as the server sends them (BenchmarkStatementsIntegrationTests
-- checks that), with the same random ids. The server runs them concurrently on two connections.
\set id random(1, 10000)
\set posts 20
SELECT u.id, u.created_at, u.name, u.email, u.role, u.version, u.updated_at, pr.user_id AS profile_user_id, pr.bio AS profile_bio, pr.website AS profile_website FROM users u LEFT JOIN profiles pr ON pr.user_id = u.id WHERE u.id = :id;
SELECT p.id, p.created_at, p.title, p.body, p.author_id, p.version, p.updated_at, COALESCE((SELECT array_agg(t.name ORDER BY t.name) FROM post_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.post_id = p.id), '{}') AS tags FROM posts p WHERE TRUE AND p.author_id = :id ORDER BY p.created_at DESC, p.id DESC LIMIT :posts;
