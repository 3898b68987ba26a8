package dev.pyconcurrent.threading;

/**
 * What the thread excepthook receives when {@link Thread#run()} throws. Python:
 * {@code threading.ExceptHookArgs} ({@code exc_value} and {@code thread}; the type and
 * traceback travel with the {@link Throwable}).
 *
 * @param exception the exception that escaped {@code run()}
 * @param thread    the thread it escaped from
 */
public record ExceptHookArgs(Throwable exception, Thread thread) {
}
