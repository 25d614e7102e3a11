package dev.postflux.security;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * With {@code DATABASE_URL} or {@code spring.r2dbc.url} set (a real deployment) and no token key configured, the
 * server stops at once with one clear line: it never runs unauthenticated, nor with a throw-away key, by accident.
 * A post-processor of the bean factory, so that it runs before any bean (Flyway, the pool) is created.
 */
final class KeySourceCheck implements BeanFactoryPostProcessor, EnvironmentAware {

    static final String MISSING = "No key to verify bearer tokens with: a database is configured but neither"
            + " postflux.security.jwt.jwk-set-uri nor postflux.security.jwt.hmac-secret is set";

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        boolean realDatabase =
                environment.containsProperty("DATABASE_URL") || environment.containsProperty("spring.r2dbc.url");
        boolean keyConfigured =
                hasText("postflux.security.jwt.jwk-set-uri") || hasText("postflux.security.jwt.hmac-secret");
        if (realDatabase && !keyConfigured) {
            throw new KeySourceException(MISSING);
        }
    }

    private boolean hasText(String property) {
        String value = environment.getProperty(property);
        return value != null && !value.isBlank();
    }
}
