package dev.postflux.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The tests' embedded databases live in temporary directories of about 40 MB each; a run removes what it made. */
final class TemporaryDirectories {

    private TemporaryDirectories() {}

    static void delete(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            // Deepest first, so that each directory is empty when its turn comes.
            files.sorted(Comparator.reverseOrder()).forEach(TemporaryDirectories::deleteOne);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteOne(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
