/**
 * What the functional types need internally: not exported, not public API.
 *
 * <p><b>Owns.</b>
 * <ul>
 *   <li>{@link dev.pyconcurrent.function.internal.Spread}: a function (or action) of one to five
 *       arguments applied to an argument tuple, an {@code Object[]} (Python's {@code f(*args)}). It is
 *       how {@code starmap} of any arity, {@code Executor.map} over several iterables and a
 *       {@code Process} of several arguments hand one {@code Function<Object[], ?>} to their workers, and
 *       a serializable record, so it travels like any other function.</li>
 * </ul>
 *
 * <p><b>May use.</b> {@code dev.pyconcurrent.function} (it is the same subsystem) and
 * {@code dev.pyconcurrent.internal}. <b>Never</b> anything above: {@code threading}, {@code queue},
 * {@code multiprocessing}, {@code futures} and the root package's {@code Pools} use this package, not the
 * other way round. See {@code docs/ARCHITECTURE.md}.
 */
package dev.pyconcurrent.function.internal;
