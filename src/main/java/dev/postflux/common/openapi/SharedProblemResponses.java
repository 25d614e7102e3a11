package dev.postflux.common.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * The error responses that follow from an operation's shape rather than from what it does, added here to every
 * operation instead of being repeated in each feature's {@code XxxApi}: every route validates its query and path
 * (400); one that answers with a body can be asked for a type it does not produce (406); one that reads a body can
 * get it too slowly (408), too large (413) or of another type (415). What depends on the route (404, 409, 412,
 * 503...) stays in its annotations.
 */
class SharedProblemResponses implements OpenApiCustomizer {

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().values().stream()
                .flatMap(path -> path.readOperations().stream())
                .forEach(SharedProblemResponses::addTo);
    }

    private static void addTo(Operation operation) {
        ApiResponses responses = operation.getResponses();
        if (responses == null) {
            return;
        }
        add(responses, "400", ApiRefs.BAD_REQUEST);
        if (answersWithABody(responses)) {
            add(responses, "406", ApiRefs.NOT_ACCEPTABLE);
        }
        if (operation.getRequestBody() != null) {
            add(responses, "408", ApiRefs.REQUEST_TIMEOUT);
            add(responses, "413", ApiRefs.PAYLOAD_TOO_LARGE);
            add(responses, "415", ApiRefs.UNSUPPORTED_MEDIA_TYPE);
        }
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
