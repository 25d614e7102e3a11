package dev.postflux.common.web;

/**
 * A 64-bit FNV-1a fingerprint of the parts of a representation that its version does not cover, for its entity
 * tag. Not a security hash: an entity tag only has to change when the representation does, and a 64-bit
 * fingerprint of a few values leaves a stale {@code 304} a chance in 2^64 per change.
 */
public final class Fingerprint {

    private static final long OFFSET_BASIS = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;
    /** Fed after every value, so that ("ab", "c") and ("a", "bc") differ; not a character a String can end with. */
    private static final int END_OF_VALUE = 0x1_0000;

    private long hash = OFFSET_BASIS;

    public Fingerprint add(String text) {
        if (text == null) {
            return mix(END_OF_VALUE + 1);
        }
        for (int i = 0; i < text.length(); i++) {
            mix(text.charAt(i));
        }
        return mix(END_OF_VALUE);
    }

    public Fingerprint add(Long number) {
        return number == null ? mix(END_OF_VALUE + 1) : add((long) number);
    }

    public Fingerprint add(long number) {
        mix((int) (number >>> 32));
        mix((int) number);
        return mix(END_OF_VALUE);
    }

    /** Sixteen lower-case hexadecimal digits. */
    public String hex() {
        String digits = Long.toHexString(hash);
        return "0".repeat(16 - digits.length()) + digits;
    }

    private Fingerprint mix(int value) {
        hash ^= value;
        hash *= PRIME;
        return this;
    }
}
