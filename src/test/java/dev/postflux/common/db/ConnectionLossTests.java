package dev.postflux.common.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.R2dbcNonTransientResourceException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

class ConnectionLossTests {

    /** Matched by name, as the driver keeps them package-private: a renamed one would turn 504s back into 503s. */
    @Test
    void namesExceptionClassesTheDriverHas() throws ClassNotFoundException {
        for (String name : ConnectionLoss.LOST_IN_USE) {
            assertThat(R2dbcNonTransientResourceException.class.isAssignableFrom(Class.forName(name)))
                    .as(name)
                    .isTrue();
        }
    }

    @Test
    void tellsALostConnectionFromAnErrorPostgresqlAnswered() {
        var answered = new DataAccessResourceFailureException(
                "R2DBC commit", new R2dbcNonTransientResourceException("terminating connection", "57P01"));

        assertThat(ConnectionLoss.isLoss(answered)).isFalse();
        assertThat(ConnectionLoss.isLoss(new DataAccessResourceFailureException("R2DBC rollback")))
                .isFalse();
    }
}
