package dev.pyconcurrent.threading;

import dev.pyconcurrent.ThreadInterruptedException;
import dev.pyconcurrent.testing.Waits;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventTest {

    @Test
    void setAndClearToggleTheFlag() {
        // Python lock_tests.EventTests.test_is_set: a new event is clear; set()/clear() toggle is_set()
        Event evt = new Event();
        assertThat(evt.isSet()).isFalse();
        evt.set();
        assertThat(evt.isSet()).isTrue();
        evt.set();
        assertThat(evt.isSet()).isTrue();
        evt.clear();
        assertThat(evt.isSet()).isFalse();
        evt.clear();
        assertThat(evt.isSet()).isFalse();
    }

    @Test
    void awaitOnSetEventReturnsTrueAtOnce() {
        // Python: wait() on a set event returns True immediately, with or without timeout
        Event evt = new Event();
        evt.set();
        assertThat(evt.await()).isTrue();
        assertThat(evt.await(0.0)).isTrue();
        assertThat(evt.await(Duration.ZERO)).isTrue();
    }

    @Test
    void timedAwaitReturnsFalseWhenNotSet() {
        // Python lock_tests.test_timeout: wait(timeout) returns False if the event stays clear
        Event evt = new Event();
        assertThat(evt.await(0.02)).isFalse();
        assertThat(evt.await(Duration.ofMillis(10))).isFalse();
        assertThat(evt.await(0.0)).isFalse();
    }

    @Test
    void badTimeoutsAreRejected() {
        // Python: negative timeout -> ValueError (API.md §1)
        Event evt = new Event();
        assertThatThrownBy(() -> evt.await(-1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> evt.await(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void setWakesAllWaiters() {
        // Python lock_tests.test_notify: set() wakes every thread in wait()
        Event evt = new Event();
        List<Bg<Boolean>> waiters = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            waiters.add(Bg.call("waiter-" + i, evt::await));
        }
        waiters.add(Bg.call("timed", () -> evt.await(30.0)));
        waiters.forEach(w -> Waits.untilBlocked(w.thread));
        assertThat(waiters).noneMatch(Bg::isDone);
        evt.set();
        waiters.forEach(w -> assertThat(w.get()).isTrue());
    }

    @Test
    void setThenClearStillWakesWaiters() {
        // Python lock_tests.test_set_and_clear: waiters woken by set() return True even if cleared at once
        Event evt = new Event();
        Bg<Boolean> w1 = Bg.call("waiter", evt::await);
        Bg<Boolean> w2 = Bg.call("timed", () -> evt.await(30.0));
        Waits.untilBlocked(w1.thread);
        Waits.untilBlocked(w2.thread);
        evt.set();
        evt.clear();
        assertThat(w1.get()).isTrue();
        assertThat(w2.get()).isTrue();
        assertThat(evt.isSet()).isFalse();
        assertThat(evt.await(0.01)).isFalse();
    }

    @Test
    void interruptedWhileWaitingThrowsAndKeepsFlag() {
        // API.md §1: interrupting a thread in wait() -> ThreadInterruptedException, flag set again
        Event evt = new Event();
        Bg<Boolean> w = Bg.call("waiter", evt::await);
        Bg<Boolean> timed = Bg.call("timed", () -> evt.await(Duration.ofSeconds(30)));
        Waits.untilBlocked(w.thread);
        Waits.untilBlocked(timed.thread);
        w.thread.interrupt();
        timed.thread.interrupt();
        assertThat(w.failure()).isInstanceOf(ThreadInterruptedException.class);
        assertThat(w.interruptedAtEnd).isTrue();
        assertThat(timed.failure()).isInstanceOf(ThreadInterruptedException.class);
        assertThat(timed.interruptedAtEnd).isTrue();
    }

    @Test
    void awaitEnteredInterruptedThrowsAtOnce() {
        // API.md §1: a blocking call entered with the interrupt flag set throws at once, flag kept
        Event evt = new Event();
        java.lang.Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(evt::await).isInstanceOf(ThreadInterruptedException.class);
            assertThat(java.lang.Thread.currentThread().isInterrupted()).isTrue();
            assertThatThrownBy(() -> evt.await(1.0)).isInstanceOf(ThreadInterruptedException.class);
        } finally {
            java.lang.Thread.interrupted();
        }
    }

    @Test
    void reprShowsFlag() {
        // Python: repr(Event) ends with 'unset' or 'set'
        Event evt = new Event();
        assertThat(evt.toString()).startsWith("<Event at 0x").endsWith(": unset>");
        evt.set();
        assertThat(evt.toString()).endsWith(": set>");
    }
}
