package dev.pyconcurrent.multiprocessing.internal.broker;

import java.io.Closeable;
import java.io.IOException;

/** Closing sockets and channels on the way out of a failure, where a second failure has nothing to add. */
final class Quietly {
    private Quietly() {
    }

    /** Closes {@code c} (if not null), ignoring an {@link IOException}. */
    static void close(Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
