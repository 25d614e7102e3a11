package dev.postflux.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import org.junit.jupiter.api.Test;

class DatabaseUrlTests {

    @Test
    void parsesAHerokuStyleUrlWithEncodedPasswordAndSslMode() {
        var url = DatabaseUrl.parse("postgres://app:p%40ss%3Aword@db.example.com:6543/shop?sslmode=require");

        assertThat(url.host()).isEqualTo("db.example.com");
        assertThat(url.port()).isEqualTo(6543);
        assertThat(url.database()).isEqualTo("shop");
        assertThat(url.username()).isEqualTo("app");
        assertThat(url.password()).isEqualTo("p@ss:word");
        assertThat(url.jdbcUrl())
                .isEqualTo(
                        "jdbc:postgresql://db.example.com:6543/shop?sslmode=require&connectTimeout=5&loginTimeout=10");
        var options = url.r2dbcOptions();
        assertThat(options.getValue(ConnectionFactoryOptions.PASSWORD)).hasToString("p@ss:word");
        assertThat(options.getValue(Option.valueOf("sslMode"))).isEqualTo("require");
    }

    @Test
    void defaultsThePortAndTheDatabaseLikeLibpq() {
        var url = DatabaseUrl.parse("postgresql://alice@localhost");

        assertThat(url.port()).isEqualTo(5432);
        assertThat(url.database()).isEqualTo("alice");
        assertThat(url.password()).isNull();
    }

    @Test
    void acceptsIpv6Hosts() {
        var url = DatabaseUrl.parse("postgres://u:p@[::1]:5432/db");

        assertThat(url.host()).isEqualTo("::1");
        assertThat(url.jdbcUrl()).startsWith("jdbc:postgresql://[::1]:5432/db");
    }

    @Test
    void neverShowsThePasswordWhenDescribed() {
        var url = DatabaseUrl.parse("postgres://u:hunter2@h:1/d");

        assertThat(url.describe()).isEqualTo("postgresql://u@h:1/d");
        assertThat(url.toString()).doesNotContain("hunter2");
    }

    @Test
    void rejectsOtherSchemes() {
        assertThatIllegalArgumentException().isThrownBy(() -> DatabaseUrl.parse("mysql://u:p@h/d"));
        assertThatIllegalArgumentException().isThrownBy(() -> DatabaseUrl.parse("not a url"));
    }
}
