/**
 * The per-process object broker: the home of every cross-process object (lock, semaphore,
 * event, condition, barrier, queue, pipe, manager dictionary and list). Not exported.
 *
 * <p><b>Owns.</b>
 * <ul>
 *   <li>{@link dev.pyconcurrent.multiprocessing.internal.broker.Broker}: the server, an
 *       authenticated Unix-domain-socket listener in a private directory, one reader and one
 *       handler thread per connection ({@link dev.pyconcurrent.multiprocessing.internal.broker.BrokerAuth}
 *       runs the mutual HMAC challenge before a byte of the peer is decoded).</li>
 *   <li>The served objects, one class per
 *       {@link dev.pyconcurrent.multiprocessing.internal.broker.Kind} ({@code ServedLock},
 *       {@code ServedQueue}, ...): thin adapters over the thread-level classes that also undo
 *       what a connection held when its process dies ({@code SessionHolds}).</li>
 *   <li>The call protocol: {@link dev.pyconcurrent.multiprocessing.internal.broker.RemoteRef}
 *       (the serializable address a proxy carries),
 *       {@link dev.pyconcurrent.multiprocessing.internal.broker.BrokerClient} (one connection per
 *       thread and broker, cancel on interrupt), {@code CallCodec} (the frame payloads) and
 *       {@link dev.pyconcurrent.multiprocessing.internal.broker.Op}, the operations.</li>
 *   <li>Managers: {@link dev.pyconcurrent.multiprocessing.internal.broker.ManagerHost} (a manager served
 *       from this process: its broker, its control object {@code ServedManager} at id 0, its registered
 *       types ({@link dev.pyconcurrent.multiprocessing.internal.broker.Registration}, served as
 *       {@code ServedInstance}) and, at an address of the user's choice, a second socket with the
 *       user's authkey ({@code NetAcceptor}: TCP or TLS on {@code java.net} socket streams, or a Unix
 *       domain socket)); {@link dev.pyconcurrent.multiprocessing.internal.broker.ManagerLink} (a manager
 *       in another program, connected to); {@link dev.pyconcurrent.multiprocessing.internal.broker.Endpoints}
 *       (the key and TLS context of each manager address this process knows) and {@code NetClient}
 *       (the client side over TCP and TLS, one connection per thread as {@code BrokerClient}).</li>
 * </ul>
 *
 * <p><b>One operation set for all kinds.</b> {@code Op} is a single enum rather than one per
 * kind: the verbs are shared ({@code ACQUIRE}/{@code RELEASE} by four kinds, {@code AWAIT} by
 * three, {@code GET}/{@code PUT}/{@code SIZE}/{@code CLEAR}/{@code COPY} by the queue, the
 * dictionary and the list), a {@code RemoteRef} does not know its target's kind, and the server
 * can decode a call (one byte, the op's code) before it looks the target up. Each served object
 * answers an op its kind lacks with an {@link java.lang.IllegalArgumentException}, and an unknown
 * code from a peer with an {@link java.lang.IllegalStateException} ("protocol error"); both are
 * sent back to the caller and the connection stays open.
 *
 * <p><b>May use.</b> {@code multiprocessing.internal.codec} (the serialization of values
 * that are not raw: user keys, exceptions; {@code RemoteFailure} for what registered types throw),
 * {@code multiprocessing.internal.connection} (the address rules shared with {@code Listener}),
 * {@code multiprocessing.internal.launch} for the
 * process key ({@code Handshake}) and the frame limit ({@code Wire}), the {@code threading}
 * and {@code queue} classes it adapts, {@code dev.pyconcurrent.internal}, and the exceptions of
 * {@code multiprocessing} ({@code AuthenticationException}). Never
 * {@code multiprocessing.internal.pool} or {@code futures}. Its clients are the proxies of
 * {@code dev.pyconcurrent.multiprocessing} ({@code SharedLock}, {@code Queue},
 * {@code ManagedDict}, ...).
 */
package dev.pyconcurrent.multiprocessing.internal.broker;
