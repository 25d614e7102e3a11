-- Posts belong to a user and go with it.
CREATE TABLE posts (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    author_id  bigint         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title      text           NOT NULL CHECK (title = btrim(title) AND char_length(title) BETWEEN 1 AND 200),
    body       text           CHECK (char_length(body) <= 50000),
    version    integer        NOT NULL DEFAULT 1,
    created_at timestamptz(3) NOT NULL DEFAULT now(),
    updated_at timestamptz(3) NOT NULL DEFAULT now()
);

-- "Posts of an author, newest first" and "all posts, newest first", both keyset-paged.
CREATE INDEX posts_author_id_created_at_id_idx ON posts (author_id, created_at DESC, id DESC);
CREATE INDEX posts_created_at_id_idx ON posts (created_at DESC, id DESC);

CREATE TRIGGER posts_touch BEFORE UPDATE ON posts FOR EACH ROW EXECUTE FUNCTION touch_row();
