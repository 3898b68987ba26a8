package dev.pyconcurrent.cluster;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.pyconcurrent.multiprocessing.Manager;
import dev.pyconcurrent.multiprocessing.SharedEvent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Task bodies run on the members, and helpers that look at the member processes. */
final class Tasks {
    private Tasks() {
    }

    private static final List<Long> UNIQUE = List.of(
            1116281L, 1297337L, 104395303L, 472882027L, 533000389L, 817504243L,
            982451653L, 112272535095293L, 112582705942171L, 112272535095293L,
            115280095190773L, 115797848077099L, 1099726899285419L);

    /** SCENARIOS.md F3: the thirteen numbers, five times over. */
    static final List<Long> PRIMES = Collections.nCopies(5, UNIQUE).stream().flatMap(List::stream).toList();

    /** Python's {@code is_prime}: trial division by 2..floor(sqrt(n)); 1 is not prime. */
    static boolean isPrime(long n) {
        long limit = (long) Math.floor(Math.sqrt(n));
        for (long i = 2; i <= limit; i++) {
            if (n % i == 0) {
                return false;
            }
        }
        return n != 1;
    }

    /** The port of the Hazelcast member of this JVM (called on a member). */
    static int memberPort() {
        Set<HazelcastInstance> all = Hazelcast.getAllHazelcastInstances();
        for (HazelcastInstance hz : all) {
            if (!hz.getCluster().getLocalMember().isLiteMember()) {
                return hz.getCluster().getLocalMember().getAddress().getPort();
            }
        }
        return -1;
    }

    private static Manager manager;

    /** A fresh shared map for task records, served by this JVM (members reach it as its child processes). */
    static synchronized Map<String, Long> records() {
        if (manager == null) {
            manager = Manager.start();
        }
        return manager.dict();
    }

    /**
     * Records that task {@code i} started here (pid, member port, then the count of its runs) and blocks until
     * {@code gate} is set.
     *
     * @return {@code i * 10}
     */
    static long gated(int i, SharedEvent gate, Map<String, Long> records) {
        records.put("pid-" + i, ProcessHandle.current().pid());
        records.put("port-" + i, (long) memberPort());
        records.merge("started-" + i, 1L, Long::sum);   // last: a reader that sees it started also sees where
        if (!gate.await(90)) {
            throw new IllegalStateException("gate never opened");
        }
        return i * 10L;
    }

    static long get(Map<String, Long> records, String key, int i) {
        Long v = records.get(key + "-" + i);
        return v == null ? 0 : v;
    }

    static long started(Map<String, Long> records, int i) {
        return get(records, "started", i);
    }

    static long sumStarted(Map<String, Long> records, int n) {
        long s = 0;
        for (int i = 0; i < n; i++) {
            s += started(records, i);
        }
        return s;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The pids of the live descendants of this JVM. */
    static Set<Long> livingDescendants() {
        Set<Long> out = new HashSet<>();
        ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).forEach(p -> out.add(p.pid()));
        return out;
    }

    /**
     * The local addresses (hex, as in {@code /proc/net/tcp}) of the TCP sockets process {@code pid} listens
     * on. Linux only.
     */
    static List<String> listeningAddresses(long pid) throws Exception {
        Set<String> inodes = new HashSet<>();
        try (var fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (java.io.IOException gone) {
                    // closed meanwhile
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path p = Path.of(table);
            if (!Files.exists(p)) {
                continue;
            }
            for (String line : Files.readAllLines(p).subList(1, Files.readAllLines(p).size())) {
                String[] f = line.trim().split("\\s+");
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
                if (f.length > 9 && f[3].equals("0A") && inodes.contains(f[9])) {
                    out.add(f[1].substring(0, f[1].indexOf(':')));
                }
            }
        }
        return out;
    }
}
