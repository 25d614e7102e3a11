package dev.postflux.database;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The SQL log switch ({@code POSTFLUX_SQL_LOG=true}).
 *
 * @param enabled log every statement with its duration; off, the connection factory is not wrapped at all
 * @param showBinds log bind values as they are; off, each shows as {@code ?} (they may be personal data)
 */
@ConfigurationProperties("postflux.sql-log")
public record SqlLogProperties(boolean enabled, boolean showBinds) {}
