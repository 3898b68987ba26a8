package dev.pyconcurrent.multiprocessing;

import java.math.BigInteger;

/**
 * The type codes of Python's {@code multiprocessing.Value} / {@code Array} (its
 * {@code sharedctypes}) and of the {@code array} module, with the C sizes of Linux on 64 bits
 * (LP64: {@code long} is 8 bytes, {@code wchar_t} 4), and the conversion between Java values and
 * the bits kept in shared memory (the low {@code 8 * size} bits of a {@code long}).
 */
enum TypeCode {
    BYTE('b', 1, Kind.INTEGER, "signed char", -0x80L, 0x7fL),
    UBYTE('B', 1, Kind.INTEGER, "unsigned char", 0, 0xffL),
    SHORT('h', 2, Kind.INTEGER, "short", -0x8000L, 0x7fffL),
    USHORT('H', 2, Kind.INTEGER, "unsigned short", 0, 0xffffL),
    INT('i', 4, Kind.INTEGER, "int", Integer.MIN_VALUE, Integer.MAX_VALUE),
    UINT('I', 4, Kind.INTEGER, "unsigned int", 0, 0xffff_ffffL),
    LONG('l', 8, Kind.INTEGER, "long", Long.MIN_VALUE, Long.MAX_VALUE),
    ULONG('L', 8, Kind.INTEGER, "unsigned long", 0, -1L),
    LONGLONG('q', 8, Kind.INTEGER, "long long", Long.MIN_VALUE, Long.MAX_VALUE),
    ULONGLONG('Q', 8, Kind.INTEGER, "unsigned long long", 0, -1L),
    FLOAT('f', 4, Kind.FLOAT, "float", 0, 0),
    DOUBLE('d', 8, Kind.FLOAT, "double", 0, 0),
    CHAR('c', 1, Kind.CHAR, "char", 0, 0xffL),
    WCHAR('u', 4, Kind.TEXT, "wchar_t", 0, Character.MAX_CODE_POINT),
    UCS4('w', 4, Kind.TEXT, "Py_UCS4", 0, Character.MAX_CODE_POINT);

    /** What a type code holds. */
    enum Kind { INTEGER, FLOAT, CHAR, TEXT }

    static final String CODES = "b, B, h, H, i, I, l, L, q, Q, f, d, c, u or w";
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    final char code;
    final int size;
    final Kind kind;
    final String cName;
    /** Smallest and largest value (for 8-byte unsigned types: 0 and -1, meaning 2**64 - 1). */
    final long min;
    final long max;

    TypeCode(char code, int size, Kind kind, String cName, long min, long max) {
        this.code = code;
        this.size = size;
        this.kind = kind;
        this.cName = cName;
        this.min = min;
        this.max = max;
    }

    /**
     * @return the type of {@code code}
     * @throws IllegalArgumentException for an unknown code
     */
    static TypeCode of(char code) {
        for (TypeCode t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new IllegalArgumentException("bad typecode (must be " + CODES + "): '" + code + "'");
    }

    boolean unsigned64() {
        return size == 8 && kind == Kind.INTEGER && min == 0;
    }

    String range() {
        return switch (kind) {
            case INTEGER -> unsigned64() ? "0 .. 18446744073709551615" : min + " .. " + max;
            case FLOAT -> size == 4 ? "-3.4028234663852886e+38 .. 3.4028234663852886e+38, inf or nan" : "any double";
            case CHAR -> "a byte string of length 1 or an int 0 .. 255";
            case TEXT -> "one character (code point 0 .. 0x10ffff)";
        };
    }

    IllegalArgumentException outOfRange(Object value) {
        return new IllegalArgumentException("value " + value + " out of range for typecode '" + code + "' (" + cName
                + "): " + range());
    }

    private IllegalArgumentException wrongType(Object value) {
        String what = switch (kind) {
            case INTEGER -> "an integer (Long, Integer, Short, Byte or BigInteger)";
            case FLOAT -> "a number";
            case CHAR -> "a byte[] of length 1, a Character or an int 0 .. 255";
            case TEXT -> "a String of one character, a Character or a code point";
        };
        return new IllegalArgumentException("typecode '" + code + "' (" + cName + ") takes " + what + ", not "
                + (value == null ? "null" : value.getClass().getName() + " " + value));
    }

    /**
     * The bits of an integer value given as a Java {@code long} ({@code setLong}): for the 8-byte
     * unsigned types any {@code long}, taken as its unsigned bits (Java's convention).
     */
    long integerBits(long v) {
        if (kind != Kind.INTEGER) {
            throw new IllegalStateException(holds() + ": use " + accessor());
        }
        if (size < 8 && (v < min || v > max)) {
            throw outOfRange(v);
        }
        return v;
    }

    /** The bits of a floating-point value ({@code setDouble}). */
    long floatBits(double v) {
        if (kind != Kind.FLOAT) {
            throw new IllegalStateException(holds() + ": use " + accessor());
        }
        if (size == 8) {
            return Double.doubleToRawLongBits(v);
        }
        if (Double.isFinite(v) && Math.abs(v) > Float.MAX_VALUE) {
            throw outOfRange(v);
        }
        return Float.floatToRawIntBits((float) v) & 0xffff_ffffL;
    }

    /** A {@code long} element from its bits (sign-extended for the signed types). */
    long toLong(long bits) {
        if (kind != Kind.INTEGER) {
            throw new IllegalStateException(holds() + ": use " + accessor());
        }
        return signExtend(bits);
    }

    long signExtend(long bits) {
        if (size == 8 || min == 0) {
            return bits;
        }
        int shift = 64 - 8 * size;
        return bits << shift >> shift;
    }

    /** A {@code double} element from its bits. */
    double toDouble(long bits) {
        if (kind != Kind.FLOAT) {
            throw new IllegalStateException(holds() + ": use " + accessor());
        }
        return size == 8 ? Double.longBitsToDouble(bits) : Float.intBitsToFloat((int) bits);
    }

    /** The bits of any value, as Python's {@code .value = x} / {@code a[i] = x} takes it. */
    long bits(Object value) {
        switch (kind) {
            case INTEGER: {
                if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
                    long v = ((Number) value).longValue();
                    if (unsigned64() ? v < 0 : v < min || v > max) {
                        throw outOfRange(value);
                    }
                    return v;
                }
                if (value instanceof BigInteger b) {
                    if (unsigned64()) {
                        if (b.signum() < 0 || b.compareTo(TWO_64) >= 0) {
                            throw outOfRange(value);
                        }
                        return b.longValue();
                    }
                    if (b.bitLength() > 63 || b.longValue() < min || b.longValue() > max) {
                        throw outOfRange(value);
                    }
                    return b.longValue();
                }
                throw wrongType(value);
            }
            case FLOAT: {
                if (value instanceof Number n) {
                    return floatBits(n.doubleValue());
                }
                throw wrongType(value);
            }
            case CHAR: {
                if (value instanceof byte[] b) {
                    if (b.length != 1) {
                        throw outOfRange("a byte string of length " + b.length);
                    }
                    return b[0] & 0xffL;
                }
                if (value instanceof Byte b) {
                    return b & 0xffL;
                }
                long v;
                if (value instanceof Character c) {
                    v = c;
                } else if (value instanceof Long || value instanceof Integer || value instanceof Short) {
                    v = ((Number) value).longValue();
                } else {
                    throw wrongType(value);
                }
                if (v < 0 || v > 0xff) {
                    throw outOfRange(value);
                }
                return v;
            }
            default: {
                long v;
                if (value instanceof String s) {
                    if (s.isEmpty() || s.codePointCount(0, s.length()) != 1) {
                        throw outOfRange("a string of " + s.codePointCount(0, s.length()) + " characters");
                    }
                    v = s.codePointAt(0);
                } else if (value instanceof Character c) {
                    v = c;
                } else if (value instanceof Long || value instanceof Integer || value instanceof Short) {
                    v = ((Number) value).longValue();
                } else {
                    throw wrongType(value);
                }
                if (v < 0 || v > Character.MAX_CODE_POINT) {
                    throw outOfRange(value);
                }
                return v;
            }
        }
    }

    /** The value of some bits, as Python's {@code .value} / {@code a[i]} returns it. */
    Object value(long bits) {
        return switch (kind) {
            case INTEGER -> unsigned64() && bits < 0 ? new BigInteger(Long.toUnsignedString(bits)) : (Object) signExtend(bits);
            case FLOAT -> toDouble(bits);
            case CHAR -> new byte[] {(byte) bits};
            case TEXT -> text(bits);
        };
    }

    static String text(long codePoint) {
        if (codePoint < 0 || codePoint > Character.MAX_CODE_POINT) {
            throw new IllegalStateException("shared memory holds " + codePoint + ", not a character");
        }
        return new String(Character.toChars((int) codePoint));
    }

    /** Python's {@code repr} of a value. */
    String repr(long bits) {
        return switch (kind) {
            case INTEGER -> unsigned64() ? Long.toUnsignedString(bits) : Long.toString(signExtend(bits));
            case FLOAT -> {
                double d = toDouble(bits);
                yield Double.isNaN(d) ? "nan" : Double.isInfinite(d) ? (d > 0 ? "inf" : "-inf") : Double.toString(d);
            }
            case CHAR -> bytesRepr(new byte[] {(byte) bits});
            case TEXT -> "'" + text(bits).replace("\\", "\\\\").replace("'", "\\'") + "'";
        };
    }

    static String bytesRepr(byte[] bytes) {
        StringBuilder b = new StringBuilder("b'");
        for (byte x : bytes) {
            int c = x & 0xff;
            if (c == '\\' || c == '\'') {
                b.append('\\').append((char) c);
            } else if (c >= 0x20 && c < 0x7f) {
                b.append((char) c);
            } else {
                b.append(String.format("\\x%02x", c));
            }
        }
        return b.append('\'').toString();
    }

    String holds() {
        return "this holds typecode '" + code + "' (" + cName + ")";
    }

    private String accessor() {
        return switch (kind) {
            case INTEGER -> "the long accessors";
            case FLOAT -> "the double accessors";
            case CHAR -> "the byte-string accessors or getValue/get";
            case TEXT -> "the string accessors or getValue/get";
        };
    }
}
