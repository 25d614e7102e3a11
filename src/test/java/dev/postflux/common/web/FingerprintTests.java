package dev.postflux.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FingerprintTests {

    @Test
    void isTheSameForTheSameValues() {
        assertThat(new Fingerprint().add("Ada").add(3L).add((Long) null).hex())
                .isEqualTo(new Fingerprint().add("Ada").add(3L).add((Long) null).hex())
                .matches("[0-9a-f]{16}");
    }

    @Test
    void tellsApartValuesThatRunTogetherOrAreMissing() {
        assertThat(new Fingerprint().add("ab").add("c").hex())
                .isNotEqualTo(new Fingerprint().add("a").add("bc").hex());
        assertThat(new Fingerprint().add((String) null).add("a").hex())
                .isNotEqualTo(new Fingerprint().add("").add("a").hex())
                .isNotEqualTo(new Fingerprint().add("a").hex());
        assertThat(new Fingerprint().add(1L).add(2L).hex())
                .isNotEqualTo(new Fingerprint().add(2L).add(1L).hex());
        assertThat(new Fingerprint().add((Long) null).hex())
                .isNotEqualTo(new Fingerprint().add(0L).hex());
    }
}
