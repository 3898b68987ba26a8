package dev.pyconcurrent.multiprocessing.internal.codec;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The tag bytes of {@link ValueWriter} / {@link ValueReader}, and the JDK classes they recognise. */
final class Tags {
    private Tags() {
    }

    static final byte NULL = 0;
    static final byte TRUE = 1;
    static final byte FALSE = 2;
    static final byte INT = 3;
    static final byte LONG = 4;
    static final byte DOUBLE = 5;
    static final byte FLOAT = 6;
    static final byte SHORT = 7;
    static final byte BYTE = 8;
    static final byte CHAR = 9;
    static final byte STRING = 10;
    static final byte BYTES = 11;
    static final byte INTS = 12;
    static final byte LONGS = 13;
    static final byte DOUBLES = 14;
    static final byte OBJECTS = 15;
    static final byte ARRAY_LIST = 16;
    static final byte HASH_MAP = 17;
    static final byte LINKED_HASH_MAP = 18;
    static final byte HASH_SET = 19;
    static final byte LINKED_HASH_SET = 20;
    static final byte LIST_OF = 21;
    static final byte SET_OF = 22;
    static final byte MAP_OF = 23;
    static final byte ARRAYS_AS_LIST = 24;
    static final byte RECORD = 25;
    static final byte ENUM = 26;
    static final byte LAMBDA = 27;
    static final byte JAVA = 28;
    static final byte TREE_MAP = 29;
    static final byte TREE_SET = 30;
    static final byte LINKED_LIST = 31;
    static final byte PORTABLE = 32;
    /** An {@code Object[]} of {@code Integer}s only: the count, then the numbers (no tag per item). */
    static final byte OBJECTS_OF_INTEGERS = 33;
    /** An {@code ArrayList} of {@code Integer}s only: the count, then the numbers (no tag per item). */
    static final byte ARRAY_LIST_OF_INTEGERS = 34;

    /** The JDK's classes behind {@code List.of}, {@code Set.of}, {@code Map.of} and {@code Arrays.asList}. */
    static final Class<?> LIST12 = List.of(1).getClass();
    static final Class<?> LISTN = List.of(1, 2, 3).getClass();
    static final Class<?> SET12 = Set.of(1).getClass();
    static final Class<?> SETN = Set.of(1, 2, 3).getClass();
    static final Class<?> MAP1 = Map.of(1, 1).getClass();
    static final Class<?> MAPN = Map.of(1, 1, 2, 2).getClass();
    static final Class<?> ARRAYS_LIST = Arrays.asList(1).getClass();
}
