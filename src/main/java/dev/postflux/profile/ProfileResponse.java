package dev.postflux.profile;

/** A profile as the API shows it, inside its user or on its own. */
public record ProfileResponse(String bio, String website) {

    public static ProfileResponse from(Profile profile) {
        return new ProfileResponse(profile.bio(), profile.website());
    }
}
