package dev.postflux.database;

import io.r2dbc.spi.ConnectionFactoryOptions;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcConnectionDetails;

/** A {@link DatabaseUrl} offered to Spring Boot as the R2DBC connection for requests. */
record R2dbcLocation(DatabaseUrl url) implements R2dbcConnectionDetails {

    @Override
    public ConnectionFactoryOptions getConnectionFactoryOptions() {
        return url.r2dbcOptions();
    }
}
