package dev.postflux.support;

import io.r2dbc.proxy.ProxyConnectionFactory;
import io.r2dbc.proxy.core.QueryInfo;
import io.r2dbc.spi.ConnectionFactory;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.springframework.boot.r2dbc.ConnectionFactoryDecorator;

/**
 * Records every SQL statement the server sends, through r2dbc-proxy, so that tests can count queries (no N+1) and
 * check that SQL text never carries client input.
 */
public class StatementRecorder implements ConnectionFactoryDecorator {

    private final ConcurrentLinkedQueue<String> statements = new ConcurrentLinkedQueue<>();

    @Override
    public ConnectionFactory decorate(ConnectionFactory connectionFactory) {
        return ProxyConnectionFactory.builder(connectionFactory)
                .onAfterQuery(execution ->
                        execution.getQueries().stream().map(QueryInfo::getQuery).forEach(statements::add))
                .build();
    }

    public void clear() {
        statements.clear();
    }

    public List<String> statements() {
        return List.copyOf(statements);
    }

    /** Statements against our tables, leaving out transaction control and pool housekeeping. */
    public List<String> queries() {
        return statements().stream()
                .filter(sql -> !sql.isBlank())
                .filter(sql -> !sql.matches("(?is)^\\s*(BEGIN|COMMIT|ROLLBACK|SELECT 1|SET |SHOW ).*"))
                .toList();
    }
}
