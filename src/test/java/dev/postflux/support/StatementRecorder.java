package dev.postflux.support;

import io.r2dbc.proxy.ProxyConnectionFactory;
import io.r2dbc.proxy.core.Binding;
import io.r2dbc.proxy.core.QueryInfo;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Parameter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.springframework.boot.r2dbc.ConnectionFactoryDecorator;

/**
 * Records every SQL statement the server sends, through r2dbc-proxy, so that tests can count queries (no N+1) and
 * check that SQL text never carries client input.
 */
public class StatementRecorder implements ConnectionFactoryDecorator {

    private final ConcurrentLinkedQueue<Execution> executions = new ConcurrentLinkedQueue<>();

    /** A statement as sent, with the values bound to its placeholders ($1, $2, ...) in order; null for SQL NULL. */
    public record Execution(String sql, List<Object> values) {}

    @Override
    public ConnectionFactory decorate(ConnectionFactory connectionFactory) {
        return ProxyConnectionFactory.builder(connectionFactory)
                .onAfterQuery(execution -> execution.getQueries().stream()
                        .map(query -> new Execution(query.getQuery(), values(query)))
                        .forEach(executions::add))
                .build();
    }

    public void clear() {
        executions.clear();
    }

    public List<String> statements() {
        return executions().stream().map(Execution::sql).toList();
    }

    public List<Execution> executions() {
        return List.copyOf(executions);
    }

    /** Statements against our tables, leaving out transaction control and pool housekeeping. */
    public List<String> queries() {
        return statements().stream()
                .filter(sql -> !sql.isBlank())
                .filter(sql -> !sql.matches("(?is)^\\s*(BEGIN|COMMIT|ROLLBACK|SELECT 1|SET |SHOW ).*"))
                .toList();
    }

    /**
     * The bound values of each keyset page query whose SQL reads {@code from} (such as {@code "FROM posts p"}), in
     * the order sent: the statements that end {@code ... DESC LIMIT $n}.
     */
    public List<List<Object>> pageQueries(String from) {
        return executions().stream()
                .filter(execution ->
                        execution.sql().contains(from) && execution.sql().contains("DESC LIMIT"))
                .map(Execution::values)
                .toList();
    }

    /** The LIMIT of each of {@link #pageQueries}: the value they bind last. */
    public List<Long> pageLimits(String from) {
        return pageQueries(from).stream()
                .map(values -> ((Number) values.get(values.size() - 1)).longValue())
                .toList();
    }

    /** The values of the statement's first (usually only) set of bindings. */
    private static List<Object> values(QueryInfo query) {
        if (query.getBindingsList().isEmpty()) {
            return List.of();
        }
        var values = new ArrayList<Object>();
        for (Binding binding : query.getBindingsList().get(0).getIndexBindings()) {
            Object value = binding.getBoundValue().isNull()
                    ? null
                    : binding.getBoundValue().getValue();
            // Spring binds its values wrapped as R2DBC parameters (with their type); the value is what tests want.
            values.add(value instanceof Parameter parameter ? parameter.getValue() : value);
        }
        return Collections.unmodifiableList(values);
    }
}
