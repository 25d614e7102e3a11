package dev.postflux.database;

import dev.postflux.common.observability.RequestIdMdc;
import dev.postflux.common.web.RequestIds;
import io.r2dbc.proxy.ProxyConnectionFactory;
import io.r2dbc.proxy.core.Bindings;
import io.r2dbc.proxy.core.BoundValue;
import io.r2dbc.proxy.core.QueryExecutionInfo;
import io.r2dbc.proxy.core.QueryInfo;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.r2dbc.ConnectionFactoryDecorator;
import reactor.util.context.ContextView;

/**
 * Logs each statement the pool's connections execute, with its duration and bind values (masked unless
 * {@code postflux.sql-log.show-binds}), through r2dbc-proxy. Registered only when the SQL log is on, so that off it
 * costs nothing. The line carries its request's id in the MDC although the statement completes on a database thread:
 * r2dbc-proxy hands the listener the Reactor context of the query's subscriber, where {@code RequestIdFilter} put it.
 */
final class SqlLog implements ConnectionFactoryDecorator {

    private static final Logger log = LoggerFactory.getLogger("postflux.sql");

    private final boolean showBinds;

    SqlLog(SqlLogProperties properties) {
        this.showBinds = properties.showBinds();
    }

    @Override
    public ConnectionFactory decorate(ConnectionFactory connectionFactory) {
        return ProxyConnectionFactory.builder(connectionFactory)
                .onAfterQuery(this::log)
                .build();
    }

    private void log(QueryExecutionInfo execution) {
        if (!log.isInfoEnabled()) {
            return;
        }
        long millis = execution.getExecuteDuration().toMillis();
        String outcome = execution.isSuccess() ? "" : " FAILED";
        RequestIdMdc.with(requestId(execution), () -> {
            for (QueryInfo query : execution.getQueries()) {
                String binds =
                        query.getBindingsList().stream().map(this::format).collect(Collectors.joining(" "));
                log.info("{} ms{} {}{}", millis, outcome, query.getQuery().strip(), binds.isEmpty() ? "" : " " + binds);
            }
        });
    }

    private static String requestId(QueryExecutionInfo execution) {
        ContextView context = execution.getValueStore().get(ContextView.class, ContextView.class);
        return context == null ? null : context.<String>getOrDefault(RequestIds.HEADER, null);
    }

    /** One set of binds as {@code [$1=42, $2=?]}: index bindings in order, then named ones. */
    private String format(Bindings bindings) {
        var values = new ArrayList<String>();
        bindings.getIndexBindings()
                .forEach(binding ->
                        values.add("$" + ((Integer) binding.getKey() + 1) + "=" + format(binding.getBoundValue())));
        bindings.getNamedBindings()
                .forEach(binding -> values.add(binding.getKey() + "=" + format(binding.getBoundValue())));
        return List.copyOf(values).toString();
    }

    private String format(BoundValue value) {
        if (value.isNull()) {
            return "null";
        }
        if (!showBinds) {
            return "?";
        }
        // Spring's DatabaseClient binds Parameters (a value with its type), not the values themselves.
        Object bound = value.getValue();
        return String.valueOf(bound instanceof Parameter parameter ? parameter.getValue() : bound);
    }
}
