-- Tags and the many-to-many link between posts and tags (belongsToMany).
CREATE TABLE tags (
    id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL CHECK (name ~ '^[a-z0-9-]{1,50}$')
);

CREATE UNIQUE INDEX tags_name_idx ON tags (name);

CREATE TABLE post_tags (
    post_id bigint NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    tag_id  bigint NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (post_id, tag_id)
);

-- "Posts with tag X" walks the link table from the tag side.
CREATE INDEX post_tags_tag_id_post_id_idx ON post_tags (tag_id, post_id);
