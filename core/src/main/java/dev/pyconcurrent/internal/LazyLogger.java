package dev.pyconcurrent.internal;

import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * A class's slf4j logger, made at its first message. slf4j starts (looks for a provider on the class path)
 * when the first logger is made: 15–30 ms in a young JVM, which a {@code static final} logger would pay in
 * the middle of a program's first pool, while its child JVMs boot, even when nothing is ever logged. Python's
 * {@code multiprocessing} likewise logs nothing, at no cost, until {@code log_to_stderr()}.
 *
 * <p>When no slf4j provider is on the class path, slf4j is not started at all (started, it would print
 * "No SLF4J providers were found" into the program's output at the library's first debug message, a pool
 * closing) and the logger is a {@link LastResortLogger}: warnings and errors on {@code System.err}, the
 * rest dropped, as Python's {@code logging} does when nothing is configured.
 *
 * <p>No lock: two threads that race on the first message may each make the logger, which slf4j returns
 * the same for a class.
 */
public final class LazyLogger {
    private final Class<?> owner;
    private volatile Logger logger;   // null until the first message

    /**
     * @param owner the class whose logger this is
     */
    public LazyLogger(Class<?> owner) {
        this.owner = owner;
    }

    /** @return the logger, made now if this is its first use */
    public Logger get() {
        Logger l = logger;
        if (l == null) {
            l = Binding.NONE ? new LastResortLogger(owner.getName(), null) : LoggerFactory.getLogger(owner);
            logger = l;
        }
        return l;
    }

    /** Holder: the class path is searched for a provider once, at the first message of any class. */
    private static final class Binding {
        static final boolean NONE = !hasProvider();
    }

    /**
     * Whether slf4j would find a provider: one named by {@code -Dslf4j.provider}, or one registered as a
     * service where slf4j looks for it (its own class loader). A broken registration counts as a provider,
     * so that slf4j itself reports it.
     */
    static boolean hasProvider() {
        if (System.getProperty("slf4j.provider") != null) {
            return true;
        }
        try {
            return ServiceLoader.load(SLF4JServiceProvider.class, LoggerFactory.class.getClassLoader())
                    .iterator().hasNext();
        } catch (ServiceConfigurationError e) {
            return true;
        }
    }
}
