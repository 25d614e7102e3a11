package dev.postflux.cli;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** {@code seed}: a few demo users with profiles, posts and tags. Idempotent: a seeded database is left as it is. */
final class SeedCommand implements Command {

    private static final String[][] USERS = {
        {
            "Ada Lovelace",
            "ada@example.com",
            "admin",
            "Mathematician; wrote the first program.",
            "https://ada.example.com"
        },
        {"Grace Hopper", "grace@example.com", "member", "Rear admiral; made compilers.", null},
        {"Alan Turing", "alan@example.com", "member", null, null},
    };

    private static final String[][] POSTS = {
        {"On analytical engines", "Notes on the engine's capabilities.", "math,history"},
        {"The first program", "Bernoulli numbers, step by step.", "math"},
        {"Compilers for everyone", "Programs in something like English.", "languages"},
    };

    @Override
    public String name() {
        return "seed";
    }

    @Override
    public String summary() {
        return "insert demo users, profiles, posts and tags (once)";
    }

    @Override
    public int run(String[] arguments) {
        try (var context = CommandContext.start(name(), arguments)) {
            var flyway = context.getBean(Flyway.class);
            flyway.migrate();
            DataSource dataSource = flyway.getConfiguration().getDataSource();
            var jdbc = new JdbcTemplate(dataSource);
            Boolean seeded =
                    new TransactionTemplate(new DataSourceTransactionManager(dataSource)).execute(status -> seed(jdbc));
            System.out.println(Boolean.TRUE.equals(seeded) ? "Seeded demo data" : "Demo data already present");
            return 0;
        }
    }

    private static boolean seed(JdbcTemplate jdbc) {
        Integer present = jdbc.queryForObject(
                "SELECT count(*) FROM users WHERE lower(email) = lower(?)", Integer.class, USERS[0][1]);
        if (present != null && present > 0) {
            return false;
        }
        for (int i = 0; i < USERS.length; i++) {
            String[] user = USERS[i];
            Long id = jdbc.queryForObject(
                    "INSERT INTO users (name, email, role) VALUES (?, ?, ?) RETURNING id",
                    Long.class,
                    user[0],
                    user[1],
                    user[2]);
            if (user[3] != null) {
                jdbc.update("INSERT INTO profiles (user_id, bio, website) VALUES (?, ?, ?)", id, user[3], user[4]);
            }
            String[] post = POSTS[i];
            Long postId = jdbc.queryForObject(
                    "INSERT INTO posts (author_id, title, body) VALUES (?, ?, ?) RETURNING id",
                    Long.class,
                    id,
                    post[0],
                    post[1]);
            for (String tag : post[2].split(",")) {
                jdbc.update("INSERT INTO tags (name) VALUES (?) ON CONFLICT (name) DO NOTHING", tag);
                jdbc.update(
                        "INSERT INTO post_tags (post_id, tag_id) SELECT ?, id FROM tags WHERE name = ?", postId, tag);
            }
        }
        return true;
    }
}
