package dev.postflux.common.openapi;

/**
 * Names of the shared OpenAPI components, for the features' {@code XxxApi} annotations: constants, so that a typo
 * is a compile error rather than a dangling {@code $ref}.
 */
public final class ApiRefs {

    public static final String BAD_REQUEST = "#/components/responses/BadRequest";
    public static final String NOT_FOUND = "#/components/responses/NotFound";
    public static final String CONFLICT = "#/components/responses/Conflict";
    public static final String PRECONDITION_FAILED = "#/components/responses/PreconditionFailed";
    public static final String NOT_ACCEPTABLE = "#/components/responses/NotAcceptable";
    public static final String REQUEST_TIMEOUT = "#/components/responses/RequestTimeout";
    public static final String PAYLOAD_TOO_LARGE = "#/components/responses/PayloadTooLarge";
    public static final String UNSUPPORTED_MEDIA_TYPE = "#/components/responses/UnsupportedMediaType";
    public static final String SERVICE_UNAVAILABLE = "#/components/responses/ServiceUnavailable";
    public static final String UNAUTHORIZED = "#/components/responses/Unauthorized";
    public static final String FORBIDDEN = "#/components/responses/Forbidden";
    public static final String TOO_MANY_REQUESTS = "#/components/responses/TooManyRequests";
    public static final String NOT_MODIFIED = "#/components/responses/NotModified";

    public static final String ID = "#/components/parameters/Id";
    public static final String LIMIT = "#/components/parameters/Limit";
    public static final String AFTER = "#/components/parameters/After";
    public static final String IF_MATCH = "#/components/parameters/IfMatch";
    public static final String LAST_EVENT_ID = "#/components/parameters/LastEventId";

    public static final String ETAG = "#/components/headers/ETag";
    public static final String LOCATION = "#/components/headers/Location";
    public static final String LINK = "#/components/headers/Link";

    public static final String JSON = "application/json";
    public static final String EVENT_STREAM = "text/event-stream";
    public static final String NDJSON = "application/x-ndjson";

    private ApiRefs() {}
}
