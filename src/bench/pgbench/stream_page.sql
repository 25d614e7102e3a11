-- One page of the SSE stream of all posts: 1000 rows after a keyset position (the data set's posts are 100 ms
-- apart from 2026-01-01, so the expression is the position of post :id).
\set id random(1000, 100000)
\set page 1000
SELECT p.id, p.created_at, p.title, p.body, p.author_id, p.version, p.updated_at, COALESCE((SELECT array_agg(t.name ORDER BY t.name) FROM post_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.post_id = p.id), '{}') AS tags FROM posts p WHERE TRUE AND (p.created_at, p.id) < (timestamptz '2026-01-01' + :id * interval '100 milliseconds', :id) ORDER BY p.created_at DESC, p.id DESC LIMIT :page;
