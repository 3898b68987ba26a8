package dev.pyconcurrent.multiprocessing;

/**
 * The buffer given to {@link Connection#recvBytesInto(byte[], int)} is too short for the message.
 * Python: {@code multiprocessing.BufferTooShort}, whose {@code args[0]} is the whole message: here
 * {@link #getMessageBytes()}. The message has been received: it is not read again.
 *
 * <p>Unchecked, like every exception this library defines.
 */
public class BufferTooShortException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The whole message. */
    private final byte[] messageBytes;

    /**
     * Creates it for a message that did not fit.
     *
     * @param messageBytes the whole message
     * @param room         how many bytes the buffer had from the offset on
     */
    public BufferTooShortException(byte[] messageBytes, int room) {
        super("message of " + messageBytes.length + " bytes does not fit in the " + room + " bytes left in the buffer");
        this.messageBytes = messageBytes.clone();
    }

    /**
     * Python: {@code e.args[0]}.
     *
     * @return a copy of the whole message
     */
    public byte[] getMessageBytes() {
        return messageBytes.clone();
    }
}
