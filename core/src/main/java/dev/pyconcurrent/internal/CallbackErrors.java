package dev.pyconcurrent.internal;

import java.util.Arrays;

import org.slf4j.Logger;

/**
 * Reports an exception raised by a user callback (a done-callback, an {@code applyAsync} callback or
 * error callback, a thread pool's initializer): at ERROR, with its stack trace. Through slf4j when it has
 * a provider; else the {@link LazyLogger} is a {@link LastResortLogger} and prints it on
 * {@code System.err}, as Python's {@code logging.lastResort} handler prints an unconfigured logger's errors.
 */
public final class CallbackErrors {
    private CallbackErrors() {
    }

    /**
     * Reports a callback's exception.
     *
     * @param log     the logger of the class that ran the callback
     * @param failure what the callback raised
     * @param format  an slf4j message pattern ({@code {}} placeholders)
     * @param args    the pattern's arguments
     */
    public static void report(Logger log, Throwable failure, String format, Object... args) {
        Object[] withFailure = Arrays.copyOf(args, args.length + 1);
        withFailure[args.length] = failure;
        log.error(format, withFailure);
    }
}
