package dev.postflux.support;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Base of tests that drive the real server over real HTTP against the real test PostgreSQL. All of them share one
 * application context; tables are emptied before each test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
@Import(TestDatabaseConfiguration.class)
public abstract class IntegrationTest {

    protected static final Sql sql = new Sql();

    @Autowired
    protected WebTestClient http;

    @Autowired
    protected StatementRecorder statements;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        if (TestDatabase.container() == null) {
            registry.add("DATABASE_URL", TestDatabase::url);
        }
    }

    @BeforeEach
    void emptyTables() {
        sql.truncateAll();
        statements.clear();
    }
}
