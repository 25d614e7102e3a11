package dev.postflux.post;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postflux.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.test.StepVerifier;

class PostRepositoryIntegrationTests extends IntegrationTest {

    private static final Instant T0 = Instant.parse("2026-02-01T00:00:00.000Z");

    @Autowired
    PostRepository posts;

    @Test
    void fetchesTheNewestPostsOfSeveralAuthorsInOneStatementInTheAuthorsOrder() {
        long ada = sql.insertUser("Ada", "ada@example.com", "member");
        long grace = sql.insertUser("Grace", "grace@example.com", "member");
        for (int i = 0; i < 4; i++) {
            sql.insertPost(ada, "ada-" + i, T0.plusSeconds(i));
            sql.insertPost(grace, "grace-" + i, T0.plusSeconds(i));
        }

        posts.recentByAuthors(new Long[] {grace, ada}, 3)
                .map(Post::title)
                .collectList()
                .as(StepVerifier::create)
                .assertNext(titles ->
                        assertThat(titles).containsExactly("grace-3", "grace-2", "grace-1", "ada-3", "ada-2", "ada-1"))
                .expectComplete()
                .verify(Duration.ofSeconds(5));
        assertThat(statements.queries()).hasSize(1);
    }

    @Test
    void aggregatesTagsSortedPerPost() {
        long ada = sql.insertUser("Ada", "ada@example.com", "member");
        long post = sql.insertPost(ada, "Tagged", T0);
        sql.tag(post, "zeta", "alpha");

        posts.findById(post, PostService.DETAIL)
                .as(StepVerifier::create)
                .assertNext(found -> {
                    assertThat(found.tags()).isEqualTo(List.of("alpha", "zeta"));
                    assertThat(found.author().name()).isEqualTo("Ada");
                })
                .expectComplete()
                .verify(Duration.ofSeconds(5));
    }
}
