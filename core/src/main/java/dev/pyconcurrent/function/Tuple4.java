package dev.pyconcurrent.function;

import java.util.StringJoiner;

/**
 * A tuple of 4 values, typed per position: Python's {@code (a, b, c, d)}. Made with
 * {@link Tuple#of(Object, Object, Object, Object) Tuple.of}; what {@code starmap} takes for a function of
 * 4 arguments.
 *
 * @param first the first element, may be {@code null}
 * @param second the second element, may be {@code null}
 * @param third the third element, may be {@code null}
 * @param fourth the fourth element, may be {@code null}
 * @param <A> the type of the first element
 * @param <B> the type of the second element
 * @param <C> the type of the third element
 * @param <D> the type of the fourth element
 * @serial exclude
 */
public record Tuple4<A, B, C, D>(A first, B second, C third, D fourth) implements Tuple {
    private static final long serialVersionUID = 1L;

    /** {@inheritDoc} */
    @Override
    public int size() {
        return 4;
    }

    /** {@inheritDoc} */
    @Override
    public Object[] toArray() {
        return new Object[] {first, second, third, fourth};
    }

    /**
     * Python's {@code repr} of a tuple, with Java's {@code toString} of each element.
     *
     * @return {@code (a, b, ...)}
     */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ", "(", ")");
        for (Object o : toArray()) {
            j.add(String.valueOf(o));
        }
        return j.toString();
    }
}
