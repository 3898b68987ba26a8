package dev.pyconcurrent.multiprocessing;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;

/** An exception that serializes but refuses to deserialize: the parent cannot rebuild it. */
class UnreadableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnreadableException(String message) {
        super(message);
    }

    private void readObject(ObjectInputStream in) throws IOException {
        throw new InvalidObjectException("this exception cannot be read");
    }
}
