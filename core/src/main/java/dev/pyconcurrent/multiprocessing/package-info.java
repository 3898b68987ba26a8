/**
 * Python's {@code multiprocessing}: processes that are child JVMs, process and thread
 * pools, and objects shared between processes.
 *
 * <h2>Processes and pools</h2>
 * A {@link dev.pyconcurrent.multiprocessing.Process} is a child JVM started from the
 * parent's own {@code java} binary and class path; what it runs, and every argument, is
 * sent to it serialized. {@link dev.pyconcurrent.multiprocessing.Pool} keeps a set of such
 * workers; {@link dev.pyconcurrent.multiprocessing.ThreadPool} offers the same methods on
 * threads. A worker that dies fails exactly the task it ran with
 * {@link dev.pyconcurrent.multiprocessing.ProcessDiedException}; children never outlive
 * the parent JVM.
 *
 * <h2>Objects shared between processes</h2>
 * <ul>
 *   <li>{@link dev.pyconcurrent.multiprocessing.Queue} and
 *       {@link dev.pyconcurrent.multiprocessing.JoinableQueue} (Python
 *       {@code multiprocessing.Queue}, {@code JoinableQueue});</li>
 *   <li>{@link dev.pyconcurrent.multiprocessing.Multiprocessing#pipe()}, a
 *       {@link dev.pyconcurrent.multiprocessing.ConnectionPair} of
 *       {@link dev.pyconcurrent.multiprocessing.Connection}s (Python {@code Pipe()});</li>
 *   <li>{@link dev.pyconcurrent.multiprocessing.SharedLock},
 *       {@link dev.pyconcurrent.multiprocessing.SharedSemaphore},
 *       {@link dev.pyconcurrent.multiprocessing.SharedEvent},
 *       {@link dev.pyconcurrent.multiprocessing.SharedCondition} and
 *       {@link dev.pyconcurrent.multiprocessing.SharedBarrier}, from
 *       {@link dev.pyconcurrent.multiprocessing.Multiprocessing} or a manager (Python
 *       {@code multiprocessing.Lock()}, ...);</li>
 *   <li>{@link dev.pyconcurrent.multiprocessing.Manager}, whose {@code dict()} and
 *       {@code list()} proxies are a {@link java.util.Map} and a {@link java.util.List}
 *       (Python {@code Manager().dict()}, {@code list()});</li>
 *   <li>{@link dev.pyconcurrent.multiprocessing.Value} and
 *       {@link dev.pyconcurrent.multiprocessing.Array}: numbers in shared memory (Python
 *       {@code Value}, {@code Array}).</li>
 * </ul>
 * All of them are {@link java.io.Serializable} handles: send one to a child (as a
 * captured variable or a {@code Process} argument) and it works there on the same object.
 *
 * <p><b>Where they live.</b> The queues, pipes, locks and other synchronization objects
 * live in the process that created them, served by that JVM's object server (a manager
 * has a server of its own); every other process reaches them through a Unix domain socket
 * in a private ({@code rwx------}) directory. Each connection is authenticated first, both
 * ways, with an HMAC challenge on a per-parent secret key (Python's {@code authkey});
 * nothing sent by a peer is deserialized before that, and what is deserialized passes an
 * {@link java.io.ObjectInputFilter} with size and depth limits. Each thread of a process
 * has its own connection, so a call that waits (a queue {@code get}, a lock
 * {@code acquire}) holds up only its thread, and a lock is held by the thread that took
 * it. Interrupting a thread that waits cancels its call on the server and throws
 * {@link dev.pyconcurrent.ThreadInterruptedException}.
 *
 * <p><b>A process killed mid-operation</b> never leaves the others waiting forever: when
 * its connection closes, the server cancels the call it was waiting in (a queue
 * {@code get} or {@code put}, a lock {@code acquire}, a barrier {@code await}, which then
 * breaks), releases the locks, reentrant locks and conditions it held, and closes its
 * ends of the pipes it used, so that the peer's {@code recv} ends with end of file. An
 * item that was being handed to a consumer at the very moment it died is lost, as in
 * Python. Semaphore permits it took are not given back (a semaphore has no owner). When
 * the process that owns an object exits, every later call on it fails with
 * {@link java.lang.IllegalStateException} instead of waiting.
 *
 * <p><b>Shared memory.</b> A {@code Value} or {@code Array} is a memory-mapped file in
 * {@code /dev/shm} (mode {@code rw-------}); single operations are atomic
 * ({@code getAndAddLong}, {@code compareAndSetLong}, volatile reads and writes), compound
 * updates hold {@code getLock()}, a reentrant lock kept in the same file (a compare-and-set
 * word holding the owner's pid and thread; a waiter takes it over from an owner whose process
 * died). Every process that maps the file marks itself as a user, and stops being one when
 * its objects are closed or garbage-collected, or when it exits; the file is deleted when its
 * last user stops, also when the creator was killed with {@code kill -9} (the children delete it
 * as they exit), and a file whose users all died without cleaning up is deleted by the next
 * process that creates shared memory.
 *
 * <p><b>Related packages.</b> {@link dev.pyconcurrent.multiprocessing.sharedmemory} is Python's
 * {@code multiprocessing.shared_memory} (named blocks CPython programs can open too), and
 * {@link dev.pyconcurrent.multiprocessing.connection} is {@code multiprocessing.connection}
 * (authenticated {@code Listener}/{@code Client} connections; {@code wait} is
 * {@link dev.pyconcurrent.multiprocessing.Multiprocessing#wait(java.util.Collection, double)}).
 */
package dev.pyconcurrent.multiprocessing;
