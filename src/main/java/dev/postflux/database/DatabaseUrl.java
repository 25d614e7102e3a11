package dev.postflux.database;

import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A PostgreSQL location parsed from a {@code postgres://user:pass@host:port/db?sslmode=...} URL (the
 * {@code DATABASE_URL} convention), turned into R2DBC options and a JDBC URL for Flyway.
 */
public record DatabaseUrl(
        String host, int port, String database, String username, String password, Map<String, String> parameters) {

    private static final int DEFAULT_PORT = 5432;

    /** libpq query parameters that r2dbc-postgresql understands under another name. */
    private static final Map<String, String> R2DBC_OPTION_NAMES = Map.of(
            "sslmode", "sslMode",
            "sslrootcert", "sslRootCert",
            "sslcert", "sslCert",
            "sslkey", "sslKey",
            "sslpassword", "sslPassword",
            "application_name", "applicationName",
            "currentSchema", "currentSchema");

    public DatabaseUrl {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** The location an R2DBC options set points at (for {@code spring.r2dbc.url} users: Flyway goes there too). */
    public static DatabaseUrl from(ConnectionFactoryOptions options) {
        Object port = options.getValue(ConnectionFactoryOptions.PORT);
        Object password = options.getValue(ConnectionFactoryOptions.PASSWORD);
        Object user = options.getValue(ConnectionFactoryOptions.USER);
        Map<String, String> parameters = new LinkedHashMap<>();
        R2DBC_OPTION_NAMES.forEach((parameter, option) -> {
            Object value = options.getValue(Option.valueOf(option));
            if (value != null) {
                parameters.put(parameter, value.toString());
            }
        });
        return new DatabaseUrl(
                String.valueOf(options.getRequiredValue(ConnectionFactoryOptions.HOST)),
                port == null ? DEFAULT_PORT : Integer.parseInt(port.toString()),
                String.valueOf(options.getRequiredValue(ConnectionFactoryOptions.DATABASE)),
                // A URL without a user (spring.r2dbc.username gives it): libpq's default, as parse() has it.
                user == null ? "postgres" : user.toString(),
                password == null ? null : password.toString(),
                parameters);
    }

    /** Parses {@code postgres://}, {@code postgresql://} and {@code jdbc:postgresql://} URLs. */
    public static DatabaseUrl parse(String url) {
        String text = url.strip().replaceFirst("^jdbc:", "").replaceFirst("^r2dbc:", "");
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "DATABASE_URL is not a valid URL (expected postgres://user:pass@host:port/db)");
        }
        if (!"postgres".equals(uri.getScheme()) && !"postgresql".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("DATABASE_URL must look like postgres://user:pass@host:port/db");
        }
        String[] userInfo = uri.getRawUserInfo() == null
                ? new String[0]
                : uri.getRawUserInfo().split(":", 2);
        String username = userInfo.length > 0 ? decode(userInfo[0]) : "postgres";
        String password = userInfo.length > 1 ? decode(userInfo[1]) : null;
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceFirst("^/", "");
        String database = path.isEmpty() ? username : decode(path);
        int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
        return new DatabaseUrl(
                uri.getHost().replaceAll("^\\[|]$", ""),
                port,
                database,
                username,
                password,
                parseQuery(uri.getRawQuery()));
    }

    /** R2DBC options for r2dbc-postgresql, with libpq parameter names translated. */
    public ConnectionFactoryOptions r2dbcOptions() {
        var builder = ConnectionFactoryOptions.builder()
                .option(ConnectionFactoryOptions.DRIVER, "postgresql")
                .option(ConnectionFactoryOptions.HOST, host)
                .option(ConnectionFactoryOptions.PORT, port)
                .option(ConnectionFactoryOptions.DATABASE, database)
                .option(ConnectionFactoryOptions.USER, username);
        if (password != null) {
            builder.option(ConnectionFactoryOptions.PASSWORD, password);
        }
        parameters.forEach((name, value) -> {
            String option = R2DBC_OPTION_NAMES.get(name);
            if (option != null) {
                builder.option(Option.valueOf(option), value);
            }
        });
        return builder.build();
    }

    /** The same location as a pgjdbc URL; libpq parameters such as {@code sslmode} mean the same there. */
    public String jdbcUrl() {
        Map<String, String> jdbcParameters = new LinkedHashMap<>(parameters);
        // Start-up must fail within seconds on a black-holed host, not after the OS gives up.
        jdbcParameters.putIfAbsent("connectTimeout", "5");
        // ... and on a host that accepts the connection and then says nothing (a frozen PostgreSQL, a port that is
        // not PostgreSQL's): connectTimeout ends at the TCP handshake, and pgjdbc would wait for the server's first
        // message forever, deaf even to SIGTERM, which waits for the start-up to finish. loginTimeout bounds the
        // whole opening, TLS and authentication included.
        jdbcParameters.putIfAbsent("loginTimeout", "10");
        String query = jdbcParameters.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return "jdbc:postgresql://" + hostForUrl() + ":" + port + "/" + encode(database)
                + (query.isEmpty() ? "" : "?" + query);
    }

    /** Where this points, safe to log: never the password. */
    public String describe() {
        return "postgresql://" + username + "@" + hostForUrl() + ":" + port + "/" + database;
    }

    @Override
    public String toString() {
        return describe();
    }

    private String hostForUrl() {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                String[] parts = pair.split("=", 2);
                parameters.put(decode(parts[0]), parts.length > 1 ? decode(parts[1]) : "");
            }
        }
        return parameters;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
