package dev.postflux.common.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * The responses that follow from an operation's shape rather than from what it does, added here to every
 * operation instead of being repeated in each feature's {@code XxxApi}: every route validates its query and path
 * (400) and checks a token when one is sent (401); one that answers with a body can be asked for a type it does
 * not produce (406); one that reads a body can get it too slowly (408), too large (413) or of another type (415);
 * a write may be forbidden (403) or over the client's rate (429), and so may a stream (429, too many open); a read
 * that tags its answer answers If-None-Match (304). What depends on the route (404, 409, 412, 503...) stays in its
 * annotations.
 */
class SharedProblemResponses implements OpenApiCustomizer {

    private static final Set<String> STREAM_TYPES = Set.of(ApiRefs.EVENT_STREAM, ApiRefs.NDJSON);

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().values().forEach(path -> path.readOperationsMap().forEach(SharedProblemResponses::addTo));
    }

    private static void addTo(PathItem.HttpMethod method, Operation operation) {
        ApiResponses responses = operation.getResponses();
        if (responses == null) {
            return;
        }
        add(responses, "400", ApiRefs.BAD_REQUEST);
        add(responses, "401", ApiRefs.UNAUTHORIZED);
        if (answersWithABody(responses)) {
            add(responses, "406", ApiRefs.NOT_ACCEPTABLE);
        }
        if (operation.getRequestBody() != null) {
            add(responses, "408", ApiRefs.REQUEST_TIMEOUT);
            add(responses, "413", ApiRefs.PAYLOAD_TOO_LARGE);
            add(responses, "415", ApiRefs.UNSUPPORTED_MEDIA_TYPE);
        }
        boolean write = method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD;
        if (write) {
            add(responses, "403", ApiRefs.FORBIDDEN);
        }
        if (write || streams(responses)) {
            add(responses, "429", ApiRefs.TOO_MANY_REQUESTS);
        }
        if (!write && tagged(responses)) {
            add(responses, "304", ApiRefs.NOT_MODIFIED);
        }
    }

    private static boolean streams(ApiResponses responses) {
        return responses.values().stream()
                .anyMatch(response -> response.getContent() != null
                        && response.getContent().keySet().stream().anyMatch(STREAM_TYPES::contains));
    }

    private static boolean tagged(ApiResponses responses) {
        ApiResponse ok = responses.get("200");
        return ok != null && ok.getHeaders() != null && ok.getHeaders().containsKey("ETag");
    }

    private static boolean answersWithABody(ApiResponses responses) {
        return responses.entrySet().stream()
                .anyMatch(response -> response.getKey().startsWith("2")
                        && response.getValue().getContent() != null
                        && !response.getValue().getContent().isEmpty());
    }

    private static void add(ApiResponses responses, String status, String ref) {
        responses.putIfAbsent(status, new ApiResponse().$ref(ref));
    }
}
