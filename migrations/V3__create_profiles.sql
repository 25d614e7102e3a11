-- One profile per user (hasOne): the user's id is the profile's key.
CREATE TABLE profiles (
    user_id bigint PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    bio     text CHECK (char_length(bio) <= 1000),
    website text CHECK (char_length(website) <= 2048 AND website ~ '^https?://[^\s/?#]+[^\s]*$')
);
