/**
 * How values travel between JVMs: tasks and their results, queue and pipe items, exceptions. Not
 * exported (only to {@code dev.pyconcurrent.cluster}, so that a cluster member decodes with the same
 * limits as a pool worker).
 *
 * <p><b>Owns.</b>
 * <ul>
 *   <li>{@link dev.pyconcurrent.multiprocessing.internal.codec.ValueWriter} and
 *       {@link dev.pyconcurrent.multiprocessing.internal.codec.ValueReader}: common values, records, enums
 *       and serializable lambdas written directly, anything else as a tagged Java-serialization block;
 *       bounded decoding.</li>
 *   <li>{@link dev.pyconcurrent.multiprocessing.internal.codec.Descriptors} and
 *       {@link dev.pyconcurrent.multiprocessing.internal.codec.DescriptorTable}: classes and lambda shapes
 *       numbered once per JVM and defined once per channel (or inline, for a standalone message such as
 *       a queue item); {@link dev.pyconcurrent.multiprocessing.internal.codec.Encoded}, a message and the
 *       descriptors it uses.</li>
 *   <li>{@link dev.pyconcurrent.multiprocessing.internal.codec.JavaSerializationCodec}: the fallback, with
 *       the {@link java.io.ObjectInputFilter} depth, reference and size limits that guard everything
 *       decoded; {@link dev.pyconcurrent.multiprocessing.internal.codec.Codec#MAX_MESSAGE_BYTES}, the
 *       largest message.</li>
 *   <li>{@link dev.pyconcurrent.multiprocessing.internal.codec.RemoteFailure} and
 *       {@link dev.pyconcurrent.multiprocessing.internal.codec.CallerStackTrace}: an exception from another
 *       JVM, rebuilt as its own class with both stacks.</li>
 * </ul>
 *
 * <p><b>May use.</b> The JDK, the exception types of {@code multiprocessing} ({@code RemoteException}).
 * <b>Never</b> another part of the engine ({@code launch}, {@code pool}, {@code broker}, {@code shm}):
 * it knows values, not channels; a channel hands it the descriptors its peer defined. See
 * {@code docs/ARCHITECTURE.md}.
 */
package dev.pyconcurrent.multiprocessing.internal.codec;
