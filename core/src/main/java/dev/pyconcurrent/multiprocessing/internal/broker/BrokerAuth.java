package dev.pyconcurrent.multiprocessing.internal.broker;

import dev.pyconcurrent.multiprocessing.AuthenticationException;
import dev.pyconcurrent.multiprocessing.internal.launch.Handshake;
import dev.pyconcurrent.multiprocessing.internal.launch.HmacSha256;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Mutual challenge–response authentication of a broker connection, as Python's
 * {@code multiprocessing.connection.deliver_challenge} / {@code answer_challenge}:
 * the server challenges the client, then the client challenges the server; each side
 * answers with {@code HMAC-SHA256(key, challenge)}. Until both directions pass, only raw
 * length-prefixed byte strings of at most {@value #MAX_MESSAGE} bytes are read, and
 * nothing is deserialized. Also used by {@code multiprocessing.connection}'s {@code Listener} and
 * {@code Client}.
 */
public final class BrokerAuth {
    private BrokerAuth() {
    }

    /** Longest pre-authentication message accepted (Python uses 256 too). */
    static final int MAX_MESSAGE = 256;
    private static final byte[] CHALLENGE = "#CHALLENGE#".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WELCOME = "#WELCOME#".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FAILURE = "#FAILURE#".getBytes(StandardCharsets.US_ASCII);

    /** Server side: challenge the client, then answer its challenge. */
    public static void serverSide(ByteChannel ch, byte[] key) throws IOException {
        deliverChallenge(ch, key);
        answerChallenge(ch, key);
        if (ch instanceof StreamChannel s) {
            s.handshakeDone();
        }
    }

    /** Client side: answer the server's challenge, then challenge it. */
    public static void clientSide(ByteChannel ch, byte[] key) throws IOException {
        answerChallenge(ch, key);
        deliverChallenge(ch, key);
    }

    private static void deliverChallenge(ByteChannel ch, byte[] key) throws IOException {
        byte[] message = concat(CHALLENGE, Handshake.random(32));
        writeMessage(ch, message);
        byte[] answer = readMessage(ch);
        if (HmacSha256.equal(answer, Handshake.hmac(key, message))) {
            writeMessage(ch, WELCOME);
        } else {
            writeMessage(ch, FAILURE);
            throw new AuthenticationException("digest received was wrong");
        }
    }

    private static void answerChallenge(ByteChannel ch, byte[] key) throws IOException {
        byte[] message = readMessage(ch);
        if (message.length <= CHALLENGE.length
                || !Arrays.equals(Arrays.copyOf(message, CHALLENGE.length), CHALLENGE)) {
            throw new AuthenticationException("Protocol error, expected challenge");
        }
        writeMessage(ch, Handshake.hmac(key, message));
        byte[] response = readMessage(ch);
        if (!Arrays.equals(response, WELCOME)) {
            throw new AuthenticationException("digest sent was rejected");
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    static void writeMessage(ByteChannel ch, byte[] message) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(4 + message.length);
        buf.putInt(message.length).put(message).flip();
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    /** Reads one raw message of at most {@link #MAX_MESSAGE} bytes; a longer one is refused unread. */
    static byte[] readMessage(ByteChannel ch) throws IOException {
        ByteBuffer len = readFully(ch, 4);
        int n = len.getInt();
        if (n < 0 || n > MAX_MESSAGE) {
            throw new AuthenticationException("message too long before authentication (" + n + " bytes)");
        }
        return readFully(ch, n).array();
    }

    private static ByteBuffer readFully(ByteChannel ch, int n) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(n);
        while (buf.hasRemaining()) {
            if (ch.read(buf) < 0) {
                throw new EOFException("connection closed during authentication");
            }
        }
        return buf.flip();
    }
}
