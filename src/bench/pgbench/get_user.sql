-- The statement of GET /users/{id}, exactly as the server sends it (BenchmarkStatementsIntegrationTests checks
-- that), with the same random ids: the user, its profile and its newest posts (LATERAL join) in one round trip.
\set id random(1, 10000)
\set posts 20
SELECT u.id, u.created_at, u.name, u.email, u.role, u.version, u.updated_at, pr.user_id AS profile_user_id, pr.bio AS profile_bio, pr.website AS profile_website, rp.* FROM users u LEFT JOIN profiles pr ON pr.user_id = u.id LEFT JOIN LATERAL (SELECT p.id, p.created_at, p.title, p.body, p.author_id, p.version, p.updated_at, COALESCE((SELECT array_agg(t.name ORDER BY t.name) FROM post_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.post_id = p.id), '{}') AS tags FROM posts p WHERE p.author_id = u.id ORDER BY p.created_at DESC, p.id DESC LIMIT :posts) rp ON TRUE WHERE u.id = :id ORDER BY rp.created_at DESC, rp.id DESC;
