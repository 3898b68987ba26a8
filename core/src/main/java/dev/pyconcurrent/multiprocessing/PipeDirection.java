package dev.pyconcurrent.multiprocessing;

/**
 * Which ways one end of a {@link Multiprocessing#pipe(boolean)} may be used. Python: a
 * {@code Connection}'s {@code readable} / {@code writable} flags and its {@code _check_readable()} /
 * {@code _check_writable()}, which raise {@code OSError}. Checked in the calling process before
 * anything is sent, whatever carries the messages.
 */
enum PipeDirection {
    /** Either end of {@code pipe()} / {@code pipe(true)}. */
    BOTH(true, true),
    /** {@code first} of {@code pipe(false)}: only {@code recv}, {@code recvBytes} and {@code poll}. */
    RECEIVE_ONLY(true, false),
    /** {@code second} of {@code pipe(false)}: only {@code send} and {@code sendBytes}. */
    SEND_ONLY(false, true);

    private final boolean readable;
    private final boolean writable;

    PipeDirection(boolean readable, boolean writable) {
        this.readable = readable;
        this.writable = writable;
    }

    /** Python's {@code _check_readable()}: {@code recv}, {@code recvBytes} and {@code poll}. */
    void checkReadable() {
        if (!readable) {
            throw new IllegalStateException("connection is write-only: this is the sending end (second) of a "
                    + "one-way pipe(false); recv() and poll() belong to the other end (first)");
        }
    }

    /** Python's {@code _check_writable()}: {@code send} and {@code sendBytes}. */
    void checkWritable() {
        if (!writable) {
            throw new IllegalStateException("connection is read-only: this is the receiving end (first) of a "
                    + "one-way pipe(false); send() belongs to the other end (second)");
        }
    }
}
