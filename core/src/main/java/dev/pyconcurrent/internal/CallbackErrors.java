package dev.pyconcurrent.internal;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPLoggerFactory;

/**
 * Reports an exception raised by a user callback (a done-callback, an {@code applyAsync} callback or
 * error callback, a thread pool's initializer): at ERROR through slf4j, or, when slf4j has no provider and would drop it,
 * on {@code System.err} with its stack trace, as Python's {@code logging.lastResort} handler prints
 * an unconfigured logger's errors.
 *
 * <p>"No provider" is slf4j's no-operation fallback: {@link LoggerFactory#getILoggerFactory()} is a
 * {@link NOPLoggerFactory} and {@code slf4j-nop} (a user's explicit choice of silence) is not on the
 * class path. It is decided once, on the first report.
 */
public final class CallbackErrors {
    private CallbackErrors() {
    }

    /** Holder: slf4j is asked once, when the first callback fails. */
    private static final class Fallback {
        static final boolean TO_STDERR = noProvider();
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
        if (Fallback.TO_STDERR) {
            print(System.err, failure, format, args);
        } else {
            Object[] withFailure = Arrays.copyOf(args, args.length + 1);
            withFailure[args.length] = failure;
            log.error(format, withFailure);
        }
    }

    /**
     * Writes the message and the stack trace in one piece, so that lines of two reports do not mix.
     *
     * @param err     where to print
     * @param failure what the callback raised
     * @param format  an slf4j message pattern
     * @param args    the pattern's arguments
     */
    static void print(PrintStream err, Throwable failure, String format, Object... args) {
        StringWriter text = new StringWriter();
        try (PrintWriter w = new PrintWriter(text)) {
            w.println(MessageFormatter.basicArrayFormat(format, args));
            failure.printStackTrace(w);
        }
        err.print(text);
        err.flush();
    }

    /**
     * Whether slf4j fell back to its no-operation logger because no provider is bound.
     *
     * @return true when nothing would reach any log
     */
    static boolean noProvider() {
        if (!(LoggerFactory.getILoggerFactory() instanceof NOPLoggerFactory)) {
            return false;
        }
        try {
            Class.forName("org.slf4j.nop.NOPServiceProvider", false, LoggerFactory.class.getClassLoader());
            return false;   // slf4j-nop bound on purpose
        } catch (ClassNotFoundException | LinkageError e) {
            return true;
        }
    }
}
