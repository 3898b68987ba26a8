package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.function.SerializableFunction;
import dev.pyconcurrent.futures.MapOptions;
import dev.pyconcurrent.futures.MapResult;
import dev.pyconcurrent.futures.ProcessPoolExecutor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Drives a process pool with a long map of short tasks while a killer thread sends SIGKILL
 * ({@code destroyForcibly}) to a random worker of this JVM every few hundred milliseconds, young
 * workers (still starting) included. Each item's outcome is checked: its right result, or
 * {@link ProcessDiedException} for the chunk the killed worker was running; anything else (a broken
 * pool above all) is recorded as unexpected.
 *
 * <p>{@code Pool} is driven with {@code imap} (which goes on after a failed chunk, as Python's
 * does). {@code ProcessPoolExecutor.map} ends at its first failure (Python's generator does), so the
 * harness starts a new {@code map} over the items after the failed chunk, with a small
 * {@code buffersize} so few items are in flight when that happens.
 */
final class ChaosHarness {
    private ChaosHarness() {
    }

    /** Which pool is driven. */
    enum PoolKind { POOL, EXECUTOR }

    /** What a run saw. */
    record Report(PoolKind kind, int items, int chunksize, int ok, int died, long kills, long youngKills,
                  Duration took, List<String> unexpected) {
        @Override
        public String toString() {
            return String.format("%s chunksize %d: %d items in %.1f s, %d kills (%d of workers younger than 1 s),"
                            + " %d ok, %d failed with ProcessDiedException, %d unexpected%s",
                    kind, chunksize, items, took.toMillis() / 1000.0, kills, youngKills, ok, died, unexpected.size(),
                    unexpected.isEmpty() ? "" : ": " + unexpected.subList(0, Math.min(5, unexpected.size())));
        }
    }

    /** The task: 1 to 5 ms of sleep, then a result the item determines. */
    static int expected(int x) {
        return 2 * x + 1;
    }

    private static final SerializableFunction<Integer, Integer> TASK = x -> {
        try {
            java.lang.Thread.sleep(1 + x % 5);
        } catch (InterruptedException e) {
            throw new IllegalStateException("interrupted", e);
        }
        return 2 * x + 1;
    };

    /** Kills a random worker of this JVM every {@code period} (give or take a third) until stopped. */
    static final class Killer implements AutoCloseable {
        final AtomicLong kills = new AtomicLong();
        final AtomicLong young = new AtomicLong();
        /** The pids killed. */
        final java.util.Set<Long> victims = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private final java.lang.Thread thread;
        private volatile boolean stop;

        Killer(Duration period) {
            thread = new java.lang.Thread(() -> {
                long base = period.toMillis();
                while (!stop) {
                    try {
                        java.lang.Thread.sleep(base * 2 / 3 + ThreadLocalRandom.current().nextLong(base * 2 / 3 + 1));
                    } catch (InterruptedException e) {
                        return;
                    }
                    List<ProcessHandle> workers = ProcessHandle.current().children()
                            .filter(ProcessHandle::isAlive)
                            .filter(h -> h.info().commandLine().map(c -> c.contains("WorkerMain")).orElse(true))
                            .collect(Collectors.toList());
                    if (stop || workers.isEmpty()) {
                        continue;
                    }
                    ProcessHandle victim = workers.get(ThreadLocalRandom.current().nextInt(workers.size()));
                    Duration age = victim.info().startInstant().map(s -> Duration.between(s, Instant.now()))
                            .orElse(Duration.ZERO);
                    victims.add(victim.pid());
                    if (victim.destroyForcibly()) {
                        kills.incrementAndGet();
                        if (age.compareTo(Duration.ofSeconds(1)) < 0) {
                            young.incrementAndGet();
                        }
                    }
                }
            }, "chaos-killer");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() {
            stop = true;
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                java.lang.Thread.currentThread().interrupt();
            }
        }
    }

    /** Runs {@code items} tasks at {@code chunksize} on a two-worker pool of the given kind under the killer. */
    static Report run(PoolKind kind, int items, int chunksize, Duration killEvery) {
        List<Integer> input = IntStream.range(0, items).boxed().collect(Collectors.toList());
        List<String> unexpected = new ArrayList<>();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger died = new AtomicInteger();
        long start = System.nanoTime();
        long kills;
        long young;
        if (kind == PoolKind.POOL) {
            Pool pool = new Pool(2);
            Killer killer = new Killer(killEvery);
            try (killer) {
                Iterator<Integer> it = pool.imap(TASK, input, chunksize);
                int pos = 0;
                while (pos < items && unexpected.size() < 20) {
                    pos = step(it, pos, items, chunksize, ok, died, unexpected);
                }
                kills = killer.kills.get();
                young = killer.young.get();
            } finally {
                stillWorks(() -> pool.apply(() -> 42), killer, unexpected);
                pool.close();
                pool.join();
            }
        } else {
            ProcessPoolExecutor ex = new ProcessPoolExecutor(2);
            Killer killer = new Killer(killEvery);
            try (killer) {
                int pos = 0;
                while (pos < items && unexpected.size() < 20) {
                    try (MapResult<Integer> it = ex.map(TASK, input.subList(pos, items),
                            MapOptions.defaults().chunksize(chunksize).buffersize(8))) {
                        int from = pos;
                        int before = died.get();
                        while (pos < items && died.get() == before && unexpected.size() < 20) {
                            pos = step(it, pos, items, chunksize, ok, died, unexpected);
                        }
                        if (pos == from && died.get() == before) {
                            break;   // nothing moved: an unexpected failure
                        }
                    } catch (RuntimeException e) {
                        unexpected.add("map: " + e);
                        break;
                    }
                }
                kills = killer.kills.get();
                young = killer.young.get();
            } finally {
                stillWorks(() -> ex.submit(() -> 42).result(60), killer, unexpected);
                ex.shutdown(true);
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        return new Report(kind, items, chunksize, ok.get(), died.get(), kills, young, took, unexpected);
    }

    /**
     * Once the killer stopped, the pool must still run a task. A task sent to a worker the killer ended
     * just before it stopped (the pool had not seen that death yet) fails with ProcessDiedException
     * naming that worker's pid: it is tried again, a few times at most.
     */
    private static void stillWorks(java.util.function.Supplier<Integer> task, Killer killer, List<String> unexpected) {
        for (int attempt = 1; ; attempt++) {
            try {
                Integer v = task.get();
                if (v == null || v != 42) {
                    unexpected.add("after the run: got " + v);
                }
                return;
            } catch (ProcessDiedException e) {
                String m = String.valueOf(e.getMessage());
                if (attempt >= 3 || killer.victims.stream().noneMatch(pid -> m.contains("pid " + pid + ")"))) {
                    unexpected.add("after the run: " + e);
                    return;
                }
            } catch (RuntimeException e) {
                unexpected.add("after the run: " + e);
                return;
            }
        }
    }

    /**
     * Takes the next outcome: one right result, or a failed chunk of {@code chunksize} items (the
     * iterator is then at the next chunk).
     *
     * @return the position of the next item
     */
    private static int step(Iterator<Integer> it, int pos, int items, int chunksize, AtomicInteger ok,
                            AtomicInteger died, List<String> unexpected) {
        try {
            Integer v = it.next();
            if (v == null || v != expected(pos)) {
                unexpected.add("item " + pos + ": got " + v + ", expected " + expected(pos));
            } else {
                ok.incrementAndGet();
            }
            return pos + 1;
        } catch (ProcessDiedException e) {
            int lost = Math.min(chunksize, items - pos);
            died.addAndGet(lost);
            return pos + lost;
        } catch (RuntimeException | Error e) {
            unexpected.add("item " + pos + ": " + e);
            return pos + 1;
        }
    }
}
