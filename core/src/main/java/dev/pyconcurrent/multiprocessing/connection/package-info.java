/**
 * Python's {@code multiprocessing.connection}: {@link dev.pyconcurrent.multiprocessing.connection.Listener}
 * and {@link dev.pyconcurrent.multiprocessing.connection.Client}, authenticated message connections
 * over TCP or Unix domain sockets between any two programs that share a key, and
 * {@link dev.pyconcurrent.multiprocessing.connection.SocketConnection}, the
 * {@link dev.pyconcurrent.multiprocessing.Connection} they make. Python's {@code wait} is
 * {@link dev.pyconcurrent.multiprocessing.Multiprocessing#wait(java.util.Collection, double)}.
 *
 * <p>Every connection passes a two-way HMAC-SHA256 challenge on the key before anything it sends
 * is deserialized; listeners bind the loopback interface unless told otherwise
 * ({@link dev.pyconcurrent.multiprocessing.connection.ConnectionOptions#allowRemote(boolean)}). Messages
 * are length-prefixed frames, capped in size before anything is allocated; objects travel as Java
 * serialization, so a CPython program cannot be a peer (the frames of {@code send_bytes} match, the
 * handshake and the object encoding do not).
 */
package dev.pyconcurrent.multiprocessing.connection;
