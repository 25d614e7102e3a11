package dev.postflux.common.openapi;

import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.ExchangeResult;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The served OpenAPI document, as a test reads it: which operations it describes, and whether a recorded exchange
 * agrees with it. Schemas are checked with a JSON Schema 2020-12 validator (OpenAPI 3.1 schemas are JSON Schema),
 * the document's {@code components} embedded so that its {@code $ref}s resolve.
 */
final class OpenApiDescription {

    /** Response headers whose presence must be documented for the status that carried them. */
    private static final List<String> DESCRIBED_HEADERS =
            List.of(HttpHeaders.ETAG, HttpHeaders.LOCATION, HttpHeaders.LINK, HttpHeaders.RETRY_AFTER);

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private final JsonNode document;

    OpenApiDescription(byte[] json) {
        this.document = JSON.readTree(json);
    }

    JsonNode document() {
        return document;
    }

    /** Every described operation as {@code "GET /users/{id}"}. */
    Set<String> operations() {
        Set<String> operations = new TreeSet<>();
        document.path("paths")
                .properties()
                .forEach(path -> path.getValue()
                        .propertyNames()
                        .forEach(method -> operations.add(method.toUpperCase() + " " + path.getKey())));
        return operations;
    }

    JsonNode operation(String operation) {
        String[] methodAndPath = operation.split(" ", 2);
        return document.path("paths").path(methodAndPath[1]).path(methodAndPath[0].toLowerCase());
    }

    /** The names of an operation's query parameters. */
    Set<String> queryParameters(String operation) {
        Set<String> names = new TreeSet<>();
        for (JsonNode parameter : operation(operation).path("parameters")) {
            JsonNode resolved = resolve(parameter);
            if (resolved.path("in").asString().equals("query")) {
                names.add(resolved.path("name").asString());
            }
        }
        return names;
    }

    /** The operation a request reached, as {@code "GET /users/{id}"}, by matching the path templates. */
    Optional<String> operationOf(String method, String path) {
        for (String operation : operations()) {
            String[] methodAndPath = operation.split(" ", 2);
            String template = Pattern.quote(methodAndPath[1]).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
            if (methodAndPath[0].equals(method) && path.matches(template)) {
                return Optional.of(operation);
            }
        }
        return Optional.empty();
    }

    /** How a recorded exchange disagrees with the description; empty when it agrees. */
    List<String> violations(ExchangeResult exchange, byte[] responseBody) {
        var uri = exchange.getUrl();
        String method = exchange.getMethod().name();
        String name = method + " " + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        List<String> violations = new ArrayList<>();
        var operation = operationOf(method, uri.getRawPath());
        if (operation.isEmpty()) {
            return List.of(name + ": no operation describes it");
        }
        JsonNode described = operation(operation.get());
        String status = Integer.toString(exchange.getStatus().value());
        JsonNode response = described.path("responses").path(status);
        if (response.isMissingNode()) {
            return List.of(name + ": status " + status + " is not described for " + operation.get());
        }
        response = resolve(response);
        for (String header : DESCRIBED_HEADERS) {
            if (exchange.getResponseHeaders().containsHeader(header)
                    && !response.path("headers").has(header)) {
                violations.add(name + ": header " + header + " of the " + status + " is not described");
            }
        }
        MediaType contentType = exchange.getResponseHeaders().getContentType();
        if (responseBody == null || responseBody.length == 0) {
            if (!response.path("content").isEmpty()) {
                violations.add(name + ": " + status + " has no body, but one is described");
            }
            return violations;
        }
        String mediaType = contentType == null ? "" : contentType.getType() + "/" + contentType.getSubtype();
        JsonNode content = response.path("content").path(mediaType);
        if (content.isMissingNode()) {
            violations.add(name + ": " + status + " as " + mediaType + " is not described");
            return violations;
        }
        boolean partial =
                UriComponentsBuilder.fromUri(uri).build().getQueryParams().containsKey("fields");
        for (JsonNode body : bodies(mediaType, responseBody)) {
            JsonNode schema = mediaType.equals(MediaType.TEXT_EVENT_STREAM_VALUE)
                    ? response.path("content").path("application/x-ndjson").path("schema")
                    : content.path("schema");
            validate(schema, body, partial).forEach(error -> violations.add(name + ": " + status + " body " + error));
        }
        violations.addAll(requestBodyViolations(name, described, exchange));
        return violations;
    }

    /** A request the server accepted must be one the description allows. */
    private List<String> requestBodyViolations(String name, JsonNode described, ExchangeResult exchange) {
        byte[] sent = exchange.getRequestBodyContent();
        if (sent == null || sent.length == 0 || !exchange.getStatus().is2xxSuccessful()) {
            return List.of();
        }
        JsonNode schema = resolve(described.path("requestBody"))
                .path("content")
                .path(MediaType.APPLICATION_JSON_VALUE)
                .path("schema");
        if (schema.isMissingNode()) {
            return List.of(name + ": accepted a request body, but none is described");
        }
        return validate(schema, JSON.readTree(sent), false).stream()
                .map(error -> name + ": accepted request body " + error)
                .toList();
    }

    /** JSON bodies are one value; NDJSON one per line; SSE one per {@code data:} line, except the final end event. */
    private static List<JsonNode> bodies(String mediaType, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (mediaType.equals(MediaType.APPLICATION_NDJSON_VALUE)) {
            return text.lines()
                    .filter(line -> !line.isBlank())
                    .map(JSON::readTree)
                    .toList();
        }
        if (mediaType.equals(MediaType.TEXT_EVENT_STREAM_VALUE)) {
            List<JsonNode> data = new ArrayList<>();
            for (String event : text.split("\n\n")) {
                if (!event.contains("event:end")) {
                    event.lines()
                            .filter(line -> line.startsWith("data:"))
                            .forEach(line -> data.add(JSON.readTree(line.substring(5))));
                }
            }
            return data;
        }
        return List.of(JSON.readTree(body));
    }

    /**
     * @param partial the client chose the properties with {@code fields}: the described ones may then be absent,
     *     but nothing else may appear and every value must still match
     */
    private List<String> validate(JsonNode schema, JsonNode value, boolean partial) {
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.setAll((ObjectNode) (partial ? withoutRequired(schema) : schema));
        root.set("components", document.path("components"));
        return SCHEMAS.getSchema(root).validate(value).stream()
                .map(Object::toString)
                .toList();
    }

    /** The schema of a {@code fields}-trimmed response: the same properties, none required at the top level. */
    private JsonNode withoutRequired(JsonNode schema) {
        JsonNode resolved = resolve(schema);
        ObjectNode copy = (ObjectNode) resolved.deepCopy();
        if (copy.has("items")) {
            copy.set("items", withoutRequired(copy.get("items")));
        }
        copy.remove("required");
        return copy;
    }

    /** Follows a local {@code $ref} such as {@code #/components/responses/NotFound}. */
    JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        Set<String> seen = new LinkedHashSet<>();
        while (current.has("$ref") && seen.add(current.get("$ref").asString())) {
            current = document.at(current.get("$ref").asString().substring(1));
        }
        return current;
    }
}
