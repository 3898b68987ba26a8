package dev.pyconcurrent.multiprocessing.internal.launch;

import java.io.File;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Signals that {@link ProcessHandle} cannot send ({@code destroy} is SIGTERM, {@code destroyForcibly}
 * SIGKILL): SIGINT, through the system's {@code kill} command (Unix only, as the process side is).
 */
public final class Signals {
    private static final long KILL_SECONDS = 10;

    private Signals() {
    }

    /**
     * Sends SIGINT to {@code child} if it is still running.
     *
     * @param child the child JVM
     * @throws IllegalStateException if the signal could not be sent (no {@code kill} command, or it failed
     *                               while the child was still running)
     */
    public static void interrupt(ChildProcess child) {
        if (!child.isAlive()) {
            return;
        }
        String kill = killCommand();
        java.lang.Process p;
        try {
            p = new ProcessBuilder(kill, "-INT", Long.toString(child.pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot send SIGINT to pid " + child.pid() + ": cannot run " + kill
                    + " (" + e.getMessage() + ")", e);
        }
        boolean interrupted = false;
        int status = -1;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(KILL_SECONDS);
        while (true) {
            try {
                if (p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    status = p.exitValue();
                }
                break;
            } catch (InterruptedException e) {
                interrupted = true;   // a short, bounded wait: finish it, keep the flag
            }
        }
        if (interrupted) {
            java.lang.Thread.currentThread().interrupt();
        }
        if (status != 0 && child.isAlive()) {
            p.destroyForcibly();
            throw new IllegalStateException("cannot send SIGINT to pid " + child.pid() + ": " + kill
                    + (status < 0 ? " did not finish" : " exited with status " + status));
        }
    }

    private static String killCommand() {
        for (String candidate : new String[] {"/bin/kill", "/usr/bin/kill"}) {
            if (new File(candidate).canExecute()) {
                return candidate;
            }
        }
        return "kill";   // from the PATH
    }
}
