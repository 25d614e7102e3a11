package dev.postflux.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Replaces the start-up stack trace of a missing or unusable token key source with what to configure. */
class KeySourceFailureAnalyzer extends AbstractFailureAnalyzer<KeySourceException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, KeySourceException cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Set POSTFLUX_SECURITY_JWT_JWK_SET_URI (with _ISSUER and _AUDIENCE) to your identity provider, or "
                        + "POSTFLUX_SECURITY_JWT_HMAC_SECRET to a random secret of at least 32 bytes. See docs/security.md.",
                cause);
    }
}
