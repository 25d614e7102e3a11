package dev.postflux.common.web;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;

/**
 * Looks a request up in the API's routes before the actuator's. Boot orders the actuator's three handler mappings
 * first (-100, so that its endpoints win over an application's catch-all; ours has none), which made every API
 * request try the actuator's request mappings first, each parsing the {@code Accept} header for its
 * {@code produces} condition: 1.1% of {@code GET /users/{id}}'s CPU (docs/benchmarks.md). Actuator requests now try
 * the API's routes first instead, and are few.
 */
@Component
class ApiRoutesFirst implements BeanPostProcessor {

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof RouterFunctionMapping routes) {
            routes.setOrder(Ordered.HIGHEST_PRECEDENCE);
        }
        return bean;
    }
}
