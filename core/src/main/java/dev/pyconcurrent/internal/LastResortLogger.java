package dev.pyconcurrent.internal;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * The library's logger when slf4j has no provider: WARN and ERROR messages are printed on
 * {@code System.err}, with their stack trace, the rest is dropped. Python's {@code logging.lastResort}
 * likewise prints an unconfigured logger's warnings and errors on {@code sys.stderr}.
 *
 * <p>Each message is printed in one piece, so that lines of two messages do not mix.
 */
final class LastResortLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    private final transient PrintStream err;   // null: System.err as it is at the message

    /**
     * @param name the logger's name (its class's)
     * @param err  where to print; null for {@code System.err} at the time of each message
     */
    LastResortLogger(String name, PrintStream err) {
        this.name = name;
        this.err = err;
    }

    @Override
    public boolean isTraceEnabled() {
        return false;
    }

    @Override
    public boolean isDebugEnabled() {
        return false;
    }

    @Override
    public boolean isInfoEnabled() {
        return false;
    }

    @Override
    public boolean isWarnEnabled() {
        return true;
    }

    @Override
    public boolean isErrorEnabled() {
        return true;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    /** Called only for an enabled level (WARN, ERROR): {@code AbstractLogger} asks {@code is...Enabled} first. */
    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args,
                                               Throwable failure) {
        StringWriter text = new StringWriter();
        try (PrintWriter w = new PrintWriter(text)) {
            w.println(level + " " + name + ": " + MessageFormatter.basicArrayFormat(pattern, args));
            if (failure != null) {
                failure.printStackTrace(w);
            }
        }
        PrintStream out = err != null ? err : System.err;
        out.print(text);
        out.flush();
    }
}
