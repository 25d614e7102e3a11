package dev.postflux.profile;

import io.swagger.v3.oas.annotations.media.Schema;

/** A profile as the API shows it, inside its user or on its own. */
@Schema(requiredProperties = {"bio", "website"})
public record ProfileResponse(
        @Schema(types = {"string", "null"}) String bio,
        @Schema(types = {"string", "null"}) String website) {

    public static ProfileResponse from(Profile profile) {
        return new ProfileResponse(profile.bio(), profile.website());
    }
}
