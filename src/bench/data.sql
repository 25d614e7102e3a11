-- The benchmark's data set: 10,000 users (1 admin in 10) with 10 posts each, deterministic. Change
-- notifications are off while loading (a bulk load is not a stream of changes anyone follows).
BEGIN;
SET LOCAL session_replication_role = replica;
TRUNCATE users, posts, profiles, tags, post_tags RESTART IDENTITY CASCADE;
INSERT INTO users (name, email, role, created_at, updated_at)
SELECT 'User ' || g, 'user' || g || '@bench.example.com', CASE WHEN g % 10 = 0 THEN 'admin' ELSE 'member' END,
       timestamptz '2026-01-01' + g * interval '1 second', timestamptz '2026-01-01' + g * interval '1 second'
FROM generate_series(1, 10000) g;
INSERT INTO posts (author_id, title, body, created_at, updated_at)
SELECT u, 'Post ' || p || ' of user ' || u, repeat('Lorem ipsum dolor sit amet. ', 8),
       timestamptz '2026-01-01' + (u * 10 + p) * interval '100 milliseconds',
       timestamptz '2026-01-01' + (u * 10 + p) * interval '100 milliseconds'
FROM generate_series(1, 10000) u, generate_series(1, 10) p;
INSERT INTO tags (name) SELECT 'tag-' || t FROM generate_series(1, 20) t;
INSERT INTO post_tags (post_id, tag_id) SELECT id, 1 + id % 20 FROM posts;
INSERT INTO profiles (user_id, bio, website) SELECT id, 'Bio of ' || name, 'https://example.com/' || id FROM users WHERE id % 2 = 0;
COMMIT;
ANALYZE;
