/**
 * Python's {@code threading} module: {@link dev.pyconcurrent.threading.Thread},
 * {@link dev.pyconcurrent.threading.Timer}, the module functions in
 * {@link dev.pyconcurrent.threading.Threading}, and the lock family
 * ({@link dev.pyconcurrent.threading.Lock}, {@link dev.pyconcurrent.threading.RLock},
 * {@link dev.pyconcurrent.threading.Condition}, {@link dev.pyconcurrent.threading.Semaphore},
 * {@link dev.pyconcurrent.threading.BoundedSemaphore}, {@link dev.pyconcurrent.threading.Event},
 * {@link dev.pyconcurrent.threading.Barrier}), each a thin facade over {@code java.util.concurrent}.
 *
 * <p>Names follow Python with Java casing; {@code wait}/{@code notify} become
 * {@code await}/{@code signal} because {@link java.lang.Object} already owns the former.
 */
package dev.pyconcurrent.threading;
