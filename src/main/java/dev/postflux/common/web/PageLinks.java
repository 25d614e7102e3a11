package dev.postflux.common.web;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.UriComponentsBuilder;

/** Writes a page as a JSON array with the RFC 8288 {@code Link: <...>; rel="next"} header clients follow. */
public final class PageLinks {

    private PageLinks() {}

    public static ServerResponse.BodyBuilder ok(ServerRequest request, Cursor next) {
        var response = ServerResponse.ok();
        if (next != null) {
            String uri = UriComponentsBuilder.fromPath(request.path())
                    .query(request.uri().getRawQuery())
                    .replaceQueryParam("after", next.encode())
                    .build(true)
                    .toUriString();
            response.header(HttpHeaders.LINK, "<" + uri + ">; rel=\"next\"");
        }
        return response;
    }
}
