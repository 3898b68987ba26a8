/**
 * The shared bottom layer of the library: the helpers every other package may use. Not exported
 * (only to {@code dev.pyconcurrent.cluster}, for {@link dev.pyconcurrent.internal.Interrupts}); not
 * public API.
 *
 * <p><b>Owns.</b> The one interruption policy ({@link dev.pyconcurrent.internal.Interrupts}), timeout
 * conversion and its error wording ({@link dev.pyconcurrent.internal.Timeouts}), keeping the JVM alive
 * while an executor has work ({@link dev.pyconcurrent.internal.KeepAlive}), how threads that run user
 * code are made ({@link dev.pyconcurrent.internal.ThreadFactories}), reporting an exception a user
 * callback raised ({@link dev.pyconcurrent.internal.CallbackErrors}), describing an exception without
 * trusting it ({@link dev.pyconcurrent.internal.Failures}) and building a
 * {@link dev.pyconcurrent.Held} ({@link dev.pyconcurrent.internal.Holds}).
 *
 * <p><b>May use.</b> The JDK, slf4j, and the root package's {@link dev.pyconcurrent.Held} and
 * exceptions. <b>Never</b> any other package of the library: everything stands on this one, so an
 * import from here to {@code threading}, {@code futures} or {@code multiprocessing} would be a cycle.
 * The layers are described in {@code docs/ARCHITECTURE.md} and checked by {@code LayeringTest}.
 */
package dev.pyconcurrent.internal;
