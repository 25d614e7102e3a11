package dev.postflux.events;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Live change events.
 *
 * @param heartbeat how often an idle subscription gets a comment line, to keep proxies from closing it
 * @param subscriberBuffer events one subscriber may fall behind before it is told "overflow" and disconnected
 * @param listenerPing how often the LISTEN connection is checked, so that a dead database is noticed quickly
 * @param listenerPingTimeout how long a check may take (the connection may be busy with a burst of notifications)
 */
@ConfigurationProperties("postflux.events")
public record EventsProperties(
        @DefaultValue("15s") Duration heartbeat,
        @DefaultValue("1000") int subscriberBuffer,
        @DefaultValue("10s") Duration listenerPing,
        @DefaultValue("5s") Duration listenerPingTimeout) {}
