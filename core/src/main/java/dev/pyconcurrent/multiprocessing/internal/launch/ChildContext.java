package dev.pyconcurrent.multiprocessing.internal.launch;


/**
 * What a child JVM knows about itself, set by {@link WorkerMain} before any user code
 * runs. In the parent (any JVM not started by this engine) {@link #isChild()} is false.
 */
public final class ChildContext {
    private ChildContext() {
    }

    private static volatile boolean child;
    private static volatile String name;
    private static volatile long parentPid;
    private static volatile String parentName;
    private static volatile byte[] authKey;
    private static volatile Object process;
    private static final java.util.concurrent.atomic.AtomicLong LINES_SENT = new java.util.concurrent.atomic.AtomicLong();

    static void init(String name, long parentPid, String parentName, byte[] authKey) {
        ChildContext.name = name;
        ChildContext.parentPid = parentPid;
        ChildContext.parentName = parentName;
        ChildContext.authKey = authKey.clone();
        ChildContext.child = true;
    }

    /** Counts one line sent to the parent's {@code System.out}, after it was written to the channel. */
    static void lineSent() {
        LINES_SENT.incrementAndGet();
    }

    /**
     * @return the lines this child has sent to its parent's {@code System.out} so far (0 in the parent)
     */
    public static long linesSent() {
        return LINES_SENT.get();
    }

    static void setProcess(Object process) {
        ChildContext.process = process;
    }

    /**
     * @return whether this JVM is a child started by the engine
     */
    public static boolean isChild() {
        return child;
    }

    /**
     * @return this child's name ("Process-1", "PoolWorker-3"), or {@code null} in the parent
     */
    public static String name() {
        return name;
    }

    /**
     * @return the parent's pid (meaningful only in a child)
     */
    public static long parentPid() {
        return parentPid;
    }

    /**
     * @return the parent's process name (meaningful only in a child)
     */
    public static String parentName() {
        return parentName;
    }

    /**
     * @return the {@code Process} object this child runs, or {@code null} (pool workers, parent)
     */
    public static Object process() {
        return process;
    }

    /**
     * @return the secret key shared with the parent (a copy), or {@code null} in the parent
     */
    public static byte[] authKey() {
        byte[] k = authKey;
        return k == null ? null : k.clone();
    }
}
