/**
 * The root of pyconcurrent: the exceptions shared by every module ({@link dev.pyconcurrent.TimeoutException},
 * {@link dev.pyconcurrent.ThreadInterruptedException}), {@link dev.pyconcurrent.Held} for Python's
 * {@code with} statement, and one-liner pools.
 *
 * <p>Sub-packages mirror Python's modules: {@code threading}, {@code queue},
 * {@code futures} ({@code concurrent.futures}) and {@code multiprocessing}.
 */
package dev.pyconcurrent;
