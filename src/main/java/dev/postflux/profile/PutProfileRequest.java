package dev.postflux.profile;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A whole profile, replacing any previous one; both fields optional. */
public record PutProfileRequest(
        @Size(max = 1000) String bio,

        @Size(max = 2048) @Pattern(regexp = "^https?://[^\\s/?#]+[^\\s]*$", message = "must be an http(s) URL")
        String website) {

    public PutProfileRequest {
        website = website == null || website.isBlank() ? null : website.strip();
    }
}
