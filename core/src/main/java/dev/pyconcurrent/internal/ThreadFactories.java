package dev.pyconcurrent.internal;

import java.util.concurrent.ThreadFactory;

/**
 * How the library makes the threads that run user code: the stack size of platform threads
 * (Python's {@code threading.stack_size}) and virtual threads (JDK 21+). Not part of the public API.
 *
 * <p>The library is compiled for Java 17, so {@code Thread.ofVirtual()} is looked up at run time,
 * once: on JDK 21 and newer its {@link ThreadFactory} is kept and every virtual thread is
 * {@code factory.newThread(task)} (no reflection per thread); on older JDKs (and on 19–20 without
 * {@code --enable-preview}) {@link #requireVirtual()} throws an {@link IllegalStateException} naming
 * the JDK needed.
 */
public final class ThreadFactories {
    /** Python's {@code THREAD_STACK_MIN} on Linux: the smallest stack size {@code stack_size} accepts. */
    public static final long MIN_STACK_SIZE = 32 * 1024;

    /** Stack size in bytes for platform threads made from now on; 0 = the JVM's default. */
    private static volatile long stackSize;

    private ThreadFactories() {
    }

    /**
     * Python's daemon threads for the library's own executors and timers: each thread it makes is a daemon
     * named {@code name}. A class, not a lambda, so that a young JVM meeting it on the way to its first pool
     * or {@code Queue} spins no lambda class for it.
     *
     * @param name the threads' name
     * @return the factory
     */
    public static ThreadFactory daemon(String name) {
        return new Daemon(name);
    }

    private static final class Daemon implements ThreadFactory {
        private final String name;

        Daemon(String name) {
            this.name = name;
        }

        @Override
        public java.lang.Thread newThread(Runnable r) {
            java.lang.Thread t = new java.lang.Thread(r, name);
            t.setDaemon(true);
            return t;
        }
    }

    /** The virtual-thread factory, or why there is none. Initialised on first use. */
    private static final class Virtual {
        static final ThreadFactory FACTORY;
        static final String UNAVAILABLE;

        static {
            ThreadFactory factory = null;
            String why = null;
            int feature = Runtime.version().feature();
            if (feature < 21) {
                why = "virtual threads need JDK 21 or newer; this JVM is Java " + Runtime.version()
                        + " (" + System.getProperty("java.home") + ")";
            } else {
                try {
                    Object builder = java.lang.Thread.class.getMethod("ofVirtual").invoke(null);
                    Class<?> builderType = Class.forName("java.lang.Thread$Builder");
                    factory = (ThreadFactory) builderType.getMethod("factory").invoke(builder);
                } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                    Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ? e.getCause() : e;
                    why = "virtual threads are not available on Java " + Runtime.version() + ": " + cause;
                }
            }
            FACTORY = factory;
            UNAVAILABLE = why;
        }
    }

    /**
     * Python: {@code threading.stack_size()}.
     *
     * @return the stack size in bytes of platform threads made from now on; 0 = the JVM's default
     */
    public static long stackSize() {
        return stackSize;
    }

    /**
     * Python: {@code threading.stack_size(size)}.
     *
     * @param size 0 (the JVM's default) or at least {@value #MIN_STACK_SIZE} bytes
     * @return the previous size
     * @throws IllegalArgumentException for a negative size or one below {@value #MIN_STACK_SIZE}
     */
    public static synchronized long stackSize(long size) {
        if (size < 0) {
            throw new IllegalArgumentException("size must be 0 or a positive value, got " + size);
        }
        if (size != 0 && size < MIN_STACK_SIZE) {
            throw new IllegalArgumentException("size not valid: " + size + " bytes (0, or at least "
                    + MIN_STACK_SIZE + ")");
        }
        long old = stackSize;
        stackSize = size;
        return old;
    }

    /**
     * An unstarted platform thread with the current {@link #stackSize()}.
     *
     * @param task what it runs
     * @param name its name
     * @return the thread
     */
    public static java.lang.Thread platform(Runnable task, String name) {
        return new java.lang.Thread(null, task, name, stackSize);
    }

    /**
     * Whether this JVM can make virtual threads.
     *
     * @return true on JDK 21 and newer
     */
    public static boolean virtualAvailable() {
        return Virtual.FACTORY != null;
    }

    /**
     * Fails unless this JVM can make virtual threads.
     *
     * @throws IllegalStateException naming the JDK needed and this JVM's version
     */
    public static void requireVirtual() {
        if (Virtual.FACTORY == null) {
            throw new IllegalStateException(Virtual.UNAVAILABLE);
        }
    }

    /**
     * The factory of virtual threads (always daemon; the stack size does not apply).
     *
     * @return the factory
     * @throws IllegalStateException before JDK 21
     */
    public static ThreadFactory virtualFactory() {
        requireVirtual();
        return Virtual.FACTORY;
    }

    /**
     * An unstarted virtual thread.
     *
     * @param task what it runs
     * @param name its name
     * @return the thread
     * @throws IllegalStateException before JDK 21
     */
    public static java.lang.Thread virtual(Runnable task, String name) {
        java.lang.Thread t = virtualFactory().newThread(task);
        t.setName(name);
        return t;
    }
}
