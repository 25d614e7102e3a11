package dev.postflux.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Where token signatures are checked against: a configured HMAC secret, or in development with the embedded
 * database a random secret kept beside its data directory, so that tokens survive restarts.
 */
public final class TokenKeys {

    /** HS256 needs a key of at least 256 bits. */
    static final int MIN_SECRET_BYTES = 32;

    private TokenKeys() {}

    public static SecretKey hmacKey(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_BYTES) {
            throw new KeySourceException("postflux.security.jwt.hmac-secret must be at least " + MIN_SECRET_BYTES
                    + " bytes (256 bits) long for HS256");
        }
        return new SecretKeySpec(bytes, "HmacSHA256");
    }

    /** The development secret's file for an embedded data directory: {@code .postflux/pgdata.jwt-secret}. */
    public static Path devSecretFile(Path embeddedDataDirectory) {
        Path absolute = embeddedDataDirectory.toAbsolutePath().normalize();
        return absolute.resolveSibling(absolute.getFileName() + ".jwt-secret");
    }

    /** Reads the development secret, creating a random one (readable by its owner only) on first use. */
    public static String devSecret(Path embeddedDataDirectory) {
        Path file = devSecretFile(embeddedDataDirectory);
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the development token secret " + file, e);
        }
    }

    private static void create(Path file) throws IOException {
        byte[] random = new byte[48];
        new SecureRandom().nextBytes(random);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Files.createDirectories(file.getParent());
        try {
            Files.createFile(file);
        } catch (FileAlreadyExistsException raced) {
            return;
        }
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the file inherits the directory's ACL.
        }
        Files.writeString(file, secret, StandardCharsets.US_ASCII);
    }
}
