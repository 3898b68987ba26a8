package dev.pyconcurrent.multiprocessing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.AbstractMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** get_context / start methods, and the context's factories. */
class ContextTest {
    @AfterEach
    void unsetAndNoChildLeft() {
        Multiprocessing.setStartMethod(null, true);
        ChildJvms.assertNoChildrenLeft();
    }

    @Test
    void spawnIsTheOneContext() {
        // Python: get_context("spawn") returns the spawn context; get_context() the default one
        Context ctx = Multiprocessing.getContext("spawn");
        assertThat(ctx).isSameAs(Multiprocessing.getContext()).isSameAs(Multiprocessing.getContext(null));
        assertThat(ctx.getStartMethod()).isEqualTo("spawn");
        assertThat(ctx).hasToString("<SpawnContext>");
        assertThat(Multiprocessing.getAllStartMethods()).containsExactly("spawn");
    }

    @Test
    void forkAndForkserverExplainWhyAJvmCannotFork() {
        // Python: get_context("fork") raises ValueError where fork is not available; here it says why and what to use
        for (String m : List.of("fork", "forkserver")) {
            assertThatThrownBy(() -> Multiprocessing.getContext(m)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + m + "'").hasMessageContaining("a JVM cannot fork")
                    .hasMessageContaining("\"spawn\"");
            assertThatThrownBy(() -> Multiprocessing.setStartMethod(m)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("a JVM cannot fork");
        }
        assertThatThrownBy(() -> Multiprocessing.getContext("threads")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot find context for 'threads'");
    }

    @Test
    void theStartMethodIsSetOnceUnlessForced() {
        // Python: set_start_method twice raises RuntimeError("context has already been set") unless force=True;
        // get_start_method(allow_none=True) is None before; get_start_method() fixes it
        Multiprocessing.setStartMethod(null, true);
        assertThat(Multiprocessing.getStartMethod(true)).isNull();
        Multiprocessing.setStartMethod("spawn");
        assertThat(Multiprocessing.getStartMethod(true)).isEqualTo("spawn");
        assertThatThrownBy(() -> Multiprocessing.setStartMethod("spawn")).isInstanceOf(IllegalStateException.class)
                .hasMessage("context has already been set");
        Multiprocessing.setStartMethod("spawn", true);
        Multiprocessing.setStartMethod(null, true);
        assertThat(Multiprocessing.getStartMethod()).isEqualTo("spawn");
        assertThatThrownBy(() -> Multiprocessing.setStartMethod("spawn")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theFactoriesOfTheContextWork() {
        // Python: ctx.Queue(), ctx.Process(target=f, args=(q,)), ctx.Pool(1), ctx.Lock(), ... all usable
        Context ctx = Multiprocessing.getContext("spawn");
        Queue<String> q = ctx.queue();
        SimpleQueue<String> sq = ctx.simpleQueue();
        JoinableQueue<String> jq = ctx.joinableQueue(4);
        ConnectionPair pipe = ctx.pipe(false);
        SharedLock lock = ctx.lock();
        SharedEvent event = ctx.event();
        Value counter = ctx.valueOfLong(0);
        Array slots = ctx.arrayOfDoubles(2);
        Process p = ctx.process((AbstractMap.SimpleImmutableEntry<Queue<String>, Connection> ends) -> {
            ends.getKey().put("from child");
            ends.getValue().send("through the pipe");
            sq.put("simple");
            jq.put("joinable");
            try (var h = lock.hold()) {
                counter.getAndAddLong(5);
            }
            slots.setDouble(1, 2.5);
            event.set();
        }, new AbstractMap.SimpleImmutableEntry<>(q, pipe.second()));
        p.start();
        assertThat(q.get(60)).isEqualTo("from child");
        assertThat(pipe.first().recv()).isEqualTo("through the pipe");
        assertThat(sq.get(60)).isEqualTo("simple");
        assertThat(jq.get(60)).isEqualTo("joinable");
        jq.taskDone();
        assertThat(event.await(60)).isTrue();
        assertThat(p.join(60)).isTrue();
        assertThat(p.getExitcode()).isZero();
        assertThat(counter.getLong()).isEqualTo(5);
        assertThat(slots.getDouble(1)).isEqualTo(2.5);
        assertThat(ctx.activeChildren()).doesNotContain(p);
        assertThat(ctx.cpuCount()).isEqualTo(Multiprocessing.cpuCount());
        assertThat(ctx.currentProcess().getName()).isEqualTo("MainProcess");
        assertThat(ctx.parentProcess()).isNull();

        SharedLock rlock = ctx.rlock();
        assertThat(rlock.isReentrant()).isTrue();
        assertThat(ctx.semaphore(2).getValue()).isEqualTo(2);
        assertThat(ctx.boundedSemaphore(1).getValue()).isEqualTo(1);
        assertThat(ctx.condition().locked()).isFalse();
        assertThat(ctx.barrier(3).getParties()).isEqualTo(3);
        assertThat(ctx.valueOfDouble(1.5).getDouble()).isEqualTo(1.5);
        assertThat(ctx.arrayOfLongs(3).length()).isEqualTo(3);
        try (Manager m = ctx.manager()) {
            Map<String, Integer> d = m.dict();
            d.put("a", 1);
            assertThat(d.get("a")).isEqualTo(1);
        }
    }

    @Test
    void aContextPoolRunsTasksAndAWorkerDeathIsAProcessException() {
        // Python: ctx.Pool(1).apply(f); ProcessError is the base of the multiprocessing exceptions
        Context ctx = Multiprocessing.getContext("spawn");
        try (Pool pool = ctx.pool(1)) {
            assertThat(pool.apply(() -> 6 * 7)).isEqualTo(42);
            assertThatThrownBy(() -> pool.apply(() -> {
                Runtime.getRuntime().halt(9);
                return 0;
            })).isInstanceOf(ProcessDiedException.class).isInstanceOf(ProcessException.class);
            assertThat(pool.apply(() -> "replaced")).isEqualTo("replaced");
        }
        try (Pool pool = ctx.poolBuilder().processes(1).build()) {
            assertThat(pool.map((Integer x) -> x + 1, List.of(1, 2))).containsExactly(2, 3);
        }
        assertThat(new AuthenticationException("bad key")).isInstanceOf(ProcessException.class)
                .isInstanceOf(RuntimeException.class);
    }
}
