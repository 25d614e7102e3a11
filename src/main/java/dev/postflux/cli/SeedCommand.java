package dev.postflux.cli;

import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code seed}: a few demo users with profiles, posts and tags, in one transaction. A seed user whose email is
 * already taken (seeded before, or registered by someone) is skipped with its posts; the others are inserted.
 */
final class SeedCommand implements Command {

    private static final List<SeedUser> USERS = List.of(
            new SeedUser(
                    "Ada Lovelace",
                    "ada@example.com",
                    "admin",
                    "Mathematician; wrote the first program.",
                    "https://ada.example.com",
                    List.of(
                            new SeedPost(
                                    "On analytical engines",
                                    "Notes on the engine's capabilities.",
                                    List.of("math", "history")),
                            new SeedPost("The first program", "Bernoulli numbers, step by step.", List.of("math")))),
            new SeedUser(
                    "Grace Hopper",
                    "grace@example.com",
                    "member",
                    "Rear admiral; made compilers.",
                    null,
                    List.of(new SeedPost(
                            "Compilers for everyone", "Programs in something like English.", List.of("languages")))),
            new SeedUser("Alan Turing", "alan@example.com", "member", null, null, List.of()));

    @Override
    public String name() {
        return "seed";
    }

    @Override
    public String summary() {
        return "insert demo users, profiles, posts and tags (those whose email is not taken)";
    }

    @Override
    public int run(String[] arguments) {
        try (var context = CommandContext.start(name(), arguments)) {
            var flyway = context.getBean(Flyway.class);
            flyway.migrate();
            DataSource dataSource = flyway.getConfiguration().getDataSource();
            var jdbc = new JdbcTemplate(dataSource);
            List<String> skipped =
                    new TransactionTemplate(new DataSourceTransactionManager(dataSource)).execute(status -> seed(jdbc));
            System.out.println(outcome(skipped));
            return 0;
        }
    }

    private static String outcome(List<String> skipped) {
        if (skipped.isEmpty()) {
            return "Seeded demo data";
        }
        if (skipped.size() == USERS.size()) {
            return "Demo data already present";
        }
        return "Seeded demo data; skipped the users whose email is taken: " + String.join(", ", skipped);
    }

    /** @return the emails of the seed users that were already there */
    private static List<String> seed(JdbcTemplate jdbc) {
        List<String> skipped = new ArrayList<>();
        for (SeedUser user : USERS) {
            // No target: users_email_lower_idx (lower(email)) is the conflict, also with a user registered meanwhile.
            List<Long> id = jdbc.queryForList(
                    "INSERT INTO users (name, email, role) VALUES (?, ?, ?) ON CONFLICT DO NOTHING RETURNING id",
                    Long.class,
                    user.name(),
                    user.email(),
                    user.role());
            if (id.isEmpty()) {
                skipped.add(user.email());
            } else {
                insertProfileAndPosts(jdbc, id.get(0), user);
            }
        }
        return skipped;
    }

    private static void insertProfileAndPosts(JdbcTemplate jdbc, long userId, SeedUser user) {
        if (user.bio() != null) {
            jdbc.update(
                    "INSERT INTO profiles (user_id, bio, website) VALUES (?, ?, ?)",
                    userId,
                    user.bio(),
                    user.website());
        }
        for (SeedPost post : user.posts()) {
            Long postId = jdbc.queryForObject(
                    "INSERT INTO posts (author_id, title, body) VALUES (?, ?, ?) RETURNING id",
                    Long.class,
                    userId,
                    post.title(),
                    post.body());
            for (String tag : post.tags()) {
                jdbc.update("INSERT INTO tags (name) VALUES (?) ON CONFLICT (name) DO NOTHING", tag);
                jdbc.update(
                        "INSERT INTO post_tags (post_id, tag_id) SELECT ?, id FROM tags WHERE name = ?", postId, tag);
            }
        }
    }

    private record SeedUser(String name, String email, String role, String bio, String website, List<SeedPost> posts) {}

    private record SeedPost(String title, String body, List<String> tags) {}
}
