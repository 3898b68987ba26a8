package dev.pyconcurrent.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A class's slf4j logger, made at its first message. slf4j starts (looks for a provider on the class path)
 * when the first logger is made: 15–30 ms in a young JVM, which a {@code static final} logger would pay in
 * the middle of a program's first pool, while its child JVMs boot, even when nothing is ever logged. Python's
 * {@code multiprocessing} likewise logs nothing, at no cost, until {@code log_to_stderr()}.
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
            l = LoggerFactory.getLogger(owner);
            logger = l;
        }
        return l;
    }
}
