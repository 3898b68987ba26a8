package dev.pyconcurrent.internal;

/** Byte-array helpers. Not part of the public API. */
public final class Bytes {
    private Bytes() {
    }

    /**
     * @param bytes where to look
     * @param part  what to look for
     * @return whether {@code part} occurs in {@code bytes}
     */
    public static boolean contains(byte[] bytes, byte[] part) {
        outer:
        for (int i = 0; i <= bytes.length - part.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
