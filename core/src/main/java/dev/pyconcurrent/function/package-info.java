/**
 * Functional types and argument tuples.
 *
 * <p>Serializable functional interfaces: a lambda whose target type is one of these is
 * serializable, so it can be sent to a child JVM ({@code multiprocessing}), as Python
 * pickles a function by reference.
 *
 * <p>Functions of any arity (Python's {@code f(*args)}): one or two arguments are the JDK's
 * {@link java.util.function.Function} and {@link java.util.function.BiFunction}; three to five are
 * {@link dev.pyconcurrent.function.Function3}, {@link dev.pyconcurrent.function.Function4} and
 * {@link dev.pyconcurrent.function.Function5} (and their {@code Consumer} and {@code Serializable}
 * counterparts). An argument tuple, {@code (a, b, c)} in Python, is {@code Tuple.of(a, b, c)}: a pair is
 * a {@link java.util.Map.Entry}, three to five values a {@link dev.pyconcurrent.function.Tuple3},
 * {@link dev.pyconcurrent.function.Tuple4} or {@link dev.pyconcurrent.function.Tuple5}. More arguments:
 * pass one record, as a Python function would take one object.
 */
package dev.pyconcurrent.function;
