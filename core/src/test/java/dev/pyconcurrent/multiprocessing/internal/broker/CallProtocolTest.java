package dev.pyconcurrent.multiprocessing.internal.broker;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The broker's call protocol: typed operations on the wire, and bad operations answered, not fatal. */
class CallProtocolTest {
    private static byte[] payload(RemoteRef.Call call) {
        byte[] frame = CallCodec.encodeCall(call).toByteArray();
        return Arrays.copyOfRange(frame, Broker.HEADER, frame.length);
    }

    @Test
    void everyOperationTravelsAsOneByteAndComesBackTheSame() {
        // Python: a manager's server reads back exactly the method name the proxy sent
        for (Op op : Op.values()) {
            RemoteRef.Call back = CallCodec.decodeCall(payload(new RemoteRef.Call(7, op, new Object[] {1, 2L}, 42)));
            assertThat(back.op()).isEqualTo(op);
            assertThat(back.object()).isEqualTo(7);
            assertThat(back.pid()).isEqualTo(42);
            assertThat(back.args()).containsExactly(1, 2L);
        }
        assertThat(Op.values().length).isLessThanOrEqualTo(256);
    }

    @Test
    void anUnknownOperationCodeFromAPeerIsAProtocolError() {
        // Python: serve_client answers a request it cannot understand with '#ERROR' instead of dying
        byte[] bytes = payload(new RemoteRef.Call(1, Op.ACQUIRE, new Object[] {RemoteRef.NO_WAIT}, 1));
        bytes[24] = (byte) Op.values().length; // object:long pid:long printed:long, then the op code
        assertThatThrownBy(() -> CallCodec.decodeCall(bytes))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unknown operation code " + Op.values().length);
        bytes[24] = (byte) 0xFF;
        assertThatThrownBy(() -> CallCodec.decodeCall(bytes))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unknown operation code 255");
    }

    @Test
    void anOperationTheKindLacksFailsInTheCallerAndTheObjectStillWorks() {
        // Python: calling a method a proxy does not expose raises in the caller; the server keeps serving
        try (Broker broker = Broker.startNew()) {
            RemoteRef lock = broker.create(Kind.LOCK);
            assertThatThrownBy(() -> lock.call(Op.PUT, new byte[0], RemoteRef.NO_WAIT))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("PUT")
                    .hasMessageContaining("ServedLock");
            assertThat(lock.acquire(RemoteRef.NO_WAIT)).isTrue();
            assertThat(lock.call(Op.LOCKED)).isEqualTo(true);
            lock.call(Op.RELEASE);
            RemoteRef event = broker.create(Kind.EVENT);
            assertThatThrownBy(() -> event.call(Op.LOCKED))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("LOCKED");
            RemoteRef rlock = broker.create(Kind.RLOCK);
            assertThat(rlock.acquire(RemoteRef.FOREVER)).isTrue();
            assertThat(rlock.call(Op.LOCKED)).isEqualTo(true);   // Python 3.14: RLock.locked()
            rlock.call(Op.RELEASE);
        }
    }

    @Test
    void everyKindCreatesItsObjectFromItsArguments() {
        // Python: each Manager/multiprocessing factory builds its object with the given arguments
        try (Broker broker = Broker.startNew()) {
            assertThat(broker.create(Kind.SEMAPHORE, 2).call(Op.GET_VALUE)).isEqualTo(2);
            assertThat(broker.create(Kind.BOUNDED_SEMAPHORE, 3).call(Op.GET_VALUE)).isEqualTo(3);
            assertThat(broker.create(Kind.BARRIER, 4).call(Op.GET_PARTIES)).isEqualTo(4);
            assertThat(broker.create(Kind.EVENT).call(Op.IS_SET)).isEqualTo(false);
            assertThat(broker.create(Kind.QUEUE, 0).call(Op.EMPTY)).isEqualTo(true);
            assertThat(broker.create(Kind.DICT).call(Op.SIZE)).isEqualTo(0);
            assertThat(broker.create(Kind.LIST).call(Op.SIZE)).isEqualTo(0);
            assertThat(broker.create(Kind.PIPE, true).call(Op.POLL, 0, RemoteRef.NO_WAIT)).isEqualTo(false);
            RemoteRef cond = broker.create(Kind.CONDITION);
            assertThat(cond.acquire(RemoteRef.FOREVER)).isTrue();
            cond.call(Op.SIGNAL_ALL);
            cond.call(Op.RELEASE);
        }
    }
}
