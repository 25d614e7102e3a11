package dev.postflux.common.web;

import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Trims a response to the attributes a client chose with {@code fields}; without it, passes it through. */
@Component
public class ResponseShaper {

    private final JsonMapper mapper;

    ResponseShaper(JsonMapper mapper) {
        this.mapper = mapper;
    }

    public Object shape(Object response, FieldSelection selection) {
        if (!selection.explicit()) {
            return response;
        }
        ObjectNode node = mapper.valueToTree(response);
        node.retain(selection.names());
        return node;
    }
}
