package dev.pyconcurrent.cluster;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.pyconcurrent.internal.Interrupts;
import dev.pyconcurrent.multiprocessing.Multiprocessing;
import dev.pyconcurrent.multiprocessing.Process;
import dev.pyconcurrent.multiprocessing.SharedEvent;

import java.io.IOException;
import java.io.Serializable;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A Hazelcast cluster of a few members on this machine, each in a child JVM started as a
 * {@link Process}, for trying {@link ClusterExecutor} without other machines (examples, tests,
 * benchmarks). Python has no equivalent.
 *
 * <pre>{@code
 * try (LocalCluster cluster = LocalCluster.start(3);
 *      ClusterExecutor pool = cluster.executor()) {
 *     pool.map((Long n) -> isPrime(n), numbers).toList();
 * }
 * }</pre>
 *
 * <p>Everything listens on 127.0.0.1 only: members bind that interface
 * ({@code hazelcast.socket.bind.any=false}), join by TCP-IP to a free port range chosen at start,
 * multicast and auto-detection are off, phone-home is off, and the cluster name is unique, so two local
 * clusters never join each other. A killed member is detected within about a second (its connections are
 * refused); split clusters merge again within seconds.
 *
 * <p>Lifecycle: STARTING (the first member forms the cluster, then the others join in parallel;
 * {@link #start} returns when all have joined) → RUNNING → CLOSED ({@link #close()}: executors made by
 * {@link #executor()} are shut down, every member is stopped, and its process has exited when
 * {@code close} returns). Every member process is a daemon child, so none outlives this JVM.
 */
public final class LocalCluster implements AutoCloseable {
    private static final double START_TIMEOUT_SECONDS = 90;
    private static final double STOP_TIMEOUT_SECONDS = 30;

    /** The unique cluster name (immutable, as every final field here). */
    private final String clusterName;
    /** The first port of the range on 127.0.0.1. */
    private final int basePort;
    /** Ports in the range: members, plus room for lite members. */
    private final int portCount;
    /** Threads of the executor on each member. */
    private final int memberThreads;
    /** Set by {@link #close()}: every member stops. */
    private final SharedEvent stop;
    private final List<Process> processes = new ArrayList<>();            // guarded by this
    private final List<ClusterExecutor> executors = new ArrayList<>();    // guarded by this
    private boolean closed;                                               // guarded by this

    private LocalCluster(Builder b) {
        this.clusterName = b.clusterName != null ? b.clusterName : "pyconcurrent-" + UUID.randomUUID();
        this.portCount = b.members + 8;
        this.basePort = freePortRange(portCount);
        this.memberThreads = b.memberThreads;
        this.stop = Multiprocessing.event();
    }

    /**
     * Starts {@code members} members, with {@code cpuCount()} executor threads each.
     *
     * @param members at least 1
     * @return the running cluster
     */
    public static LocalCluster start(int members) {
        return builder().members(members).start();
    }

    /**
     * @return a builder (members, executor threads per member, cluster name)
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds and starts a {@link LocalCluster}. */
    public static final class Builder {
        private int members = 3;
        private int memberThreads = Multiprocessing.cpuCount();
        private String clusterName;

        private Builder() {
        }

        /**
         * @param n number of member processes, at least 1 (default 3)
         * @return this
         */
        public Builder members(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("members must be >= 1, got " + n);
            }
            this.members = n;
            return this;
        }

        /**
         * @param n threads of the {@link ClusterExecutor} executor on each member, at least 1 (default: cpu count)
         * @return this
         */
        public Builder memberThreads(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("memberThreads must be >= 1, got " + n);
            }
            this.memberThreads = n;
            return this;
        }

        /**
         * @param name the cluster name (default: unique per cluster)
         * @return this
         */
        public Builder clusterName(String name) {
            this.clusterName = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Starts the members and waits until they formed the cluster.
         *
         * @return the running cluster
         * @throws IllegalStateException if a member does not start in time
         */
        public LocalCluster start() {
            LocalCluster c = new LocalCluster(this);
            try {
                c.startMembers(members);
            } catch (RuntimeException | Error e) {
                c.close();
                throw e;
            }
            return c;
        }
    }

    /** What a member process needs; sent to it. */
    private record MemberSpec(String clusterName, int basePort, int portCount, int threads, int expected,
                              SharedEvent ready, SharedEvent joined, SharedEvent stop) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    private void startMembers(int n) {
        List<SharedEvent> joined = new ArrayList<>();
        startAndAwait(1, n, joined);
        if (n > 1) {
            startAndAwait(n - 1, n, joined);
        }
        long deadline = System.nanoTime() + (long) (START_TIMEOUT_SECONDS * 1e9);
        for (SharedEvent j : joined) {
            while (!j.await(0.2)) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("the " + n + " members did not form one cluster within "
                            + START_TIMEOUT_SECONDS + " s");
                }
            }
        }
    }

    /**
     * The java options of a member: a bounded heap, and the module openings Hazelcast asks for on
     * Java 17+ (without them it works, with a warning and fewer metrics).
     */
    static final List<String> MEMBER_JVM_OPTIONS = List.of(
            "-Xmx256m",
            "--add-modules", "java.se",
            "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.management/sun.management=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED");

    private void startAndAwait(int n, int expected, List<SharedEvent> joined) {
        List<SharedEvent> ready = new ArrayList<>();
        List<Process> started = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SharedEvent r = Multiprocessing.event();
            SharedEvent j = Multiprocessing.event();
            joined.add(j);
            Process p = new Process(LocalCluster::runMember,
                    new MemberSpec(clusterName, basePort, portCount, memberThreads, expected, r, j, stop));
            synchronized (this) {
                p.setName("hazelcast-member-" + (processes.size() + 1));
                p.setDaemon(true);
                p.setJvmOptions(MEMBER_JVM_OPTIONS);
                processes.add(p);
            }
            p.start();
            ready.add(r);
            started.add(p);
        }
        long deadline = System.nanoTime() + (long) (START_TIMEOUT_SECONDS * 1e9);
        for (int i = 0; i < n; i++) {
            Process p = started.get(i);
            while (!ready.get(i).await(0.2)) {
                if (!p.isAlive()) {
                    throw new IllegalStateException(p.getName() + " exited with code " + p.getExitcode()
                            + " before joining the cluster");
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException(p.getName() + " did not join the cluster within "
                            + START_TIMEOUT_SECONDS + " s");
                }
            }
        }
    }

    /** The member process: starts Hazelcast, signals, blocks until told to stop (or killed). */
    private static void runMember(MemberSpec spec) {
        System.setProperty("hazelcast.logging.type", "slf4j");   // this JVM is the member's own
        Config config = loopbackConfig(spec.clusterName(), spec.basePort(), spec.portCount());
        config.getExecutorConfig(ClusterExecutor.DEFAULT_EXECUTOR_NAME).setPoolSize(spec.threads());
        config.getDurableExecutorConfig(ClusterExecutor.DEFAULT_EXECUTOR_NAME).setPoolSize(spec.threads());
        HazelcastInstance hz = Hazelcast.newHazelcastInstance(config);
        try {
            spec.ready().set();
            // tell the parent once the whole cluster is seen: on the member event that completes it, or now
            AtomicBoolean joined = new AtomicBoolean();
            Runnable seeAll = () -> {
                if (dataMembers(hz) >= spec.expected() && joined.compareAndSet(false, true)) {
                    spec.joined().set();
                }
            };
            hz.getCluster().addMembershipListener(new MembershipListener() {
                @Override
                public void memberAdded(MembershipEvent event) {
                    seeAll.run();
                }

                @Override
                public void memberRemoved(MembershipEvent event) {
                    // a member that left is the parent's business
                }
            });
            seeAll.run();
            // tasks run on Hazelcast's threads until the parent says stop or Hazelcast itself stops
            boolean stopped = false;
            while (!stopped && hz.getLifecycleService().isRunning()) {
                stopped = spec.stop().await(0.5);
            }
        } finally {
            hz.shutdown();
        }
    }

    private static long dataMembers(HazelcastInstance hz) {
        return hz.getCluster().getMembers().stream().filter(m -> !m.isLiteMember()).count();
    }

    /**
     * A Hazelcast member configuration bound to 127.0.0.1 only: TCP-IP join to
     * {@code 127.0.0.1:basePort..basePort+portCount-1}, multicast and auto-detection off, phone-home off,
     * slf4j logging, 1 s heartbeats, quick split-brain merges, a small partition count. Used for the members of a
     * local cluster and for the lite member of its executors; also a starting point for tests of one's own.
     *
     * @param clusterName the cluster name
     * @param basePort    the first port of the range
     * @param portCount   ports in the range (one per member of the cluster, lite members included)
     * @return a fresh configuration
     */
    public static Config loopbackConfig(String clusterName, int basePort, int portCount) {
        Config c = new Config();
        c.setClusterName(clusterName);
        c.setProperty("hazelcast.logging.type", "slf4j");
        c.setProperty("hazelcast.phone.home.enabled", "false");
        c.setProperty("hazelcast.socket.bind.any", "false");
        c.setProperty("hazelcast.local.localAddress", "127.0.0.1");
        c.setProperty("hazelcast.wait.seconds.before.join", "1");
        c.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        // a killed member is seen at once (its connections are refused); the heartbeat timeout only catches hung
        // members, and must stay long enough that a member starved of CPU on a busy machine is not expelled
        c.setProperty("hazelcast.max.no.heartbeat.seconds", "30");
        // should members still split (e.g. at start on a busy machine), they merge again within seconds
        c.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
        c.setProperty("hazelcast.merge.next.run.delay.seconds", "5");
        c.setProperty("hazelcast.partition.count", "31");
        c.getJetConfig().setEnabled(false);
        NetworkConfig net = c.getNetworkConfig();
        net.setPort(basePort).setPortAutoIncrement(true).setPortCount(portCount);
        net.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = net.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true);
        for (int port = basePort; port < basePort + portCount; port++) {
            join.getTcpIpConfig().addMember("127.0.0.1:" + port);
        }
        return c;
    }

    /**
     * @return a configuration for one more data member of this cluster
     */
    public Config memberConfig() {
        Config c = loopbackConfig(clusterName, basePort, portCount);
        c.getExecutorConfig(ClusterExecutor.DEFAULT_EXECUTOR_NAME).setPoolSize(memberThreads);
        c.getDurableExecutorConfig(ClusterExecutor.DEFAULT_EXECUTOR_NAME).setPoolSize(memberThreads);
        return c;
    }

    /**
     * @return a configuration for a lite member of this cluster: it joins, submits, and runs no task
     */
    public Config liteMemberConfig() {
        return memberConfig().setLiteMember(true);
    }

    /**
     * An executor submitting from a lite member in this JVM, so its tasks run only on the member processes;
     * returns once it sees every live member. {@link #close()} shuts it down if the caller has not.
     *
     * @return the executor
     */
    public ClusterExecutor executor() {
        return executor(ClusterExecutor.builder());
    }

    /**
     * As {@link #executor()}, with the builder's other settings ({@code durable}, {@code tasksPerMember}).
     *
     * @param builder the builder; its instance or configuration is replaced by a lite member of this cluster
     * @return the executor
     */
    public ClusterExecutor executor(ClusterExecutor.Builder builder) {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the local cluster is closed");
            }
        }
        ClusterExecutor e = builder.config(liteMemberConfig()).build();
        synchronized (this) {
            executors.add(e);
        }
        int live = (int) getProcesses().stream().filter(Process::isAlive).count();
        try {
            e.awaitMembers(live, (long) (START_TIMEOUT_SECONDS * 1e9));
        } catch (InterruptedException ie) {
            throw Interrupts.rethrow(ie);
        }
        return e;
    }

    /**
     * @return the member processes, in start order (the first formed the cluster)
     */
    public synchronized List<Process> getProcesses() {
        return List.copyOf(processes);
    }

    /**
     * @return the cluster name
     */
    public String getClusterName() {
        return clusterName;
    }

    /**
     * @return the first port of the cluster's port range on 127.0.0.1
     */
    public int getBasePort() {
        return basePort;
    }

    /**
     * Kills member {@code i} at once ({@code SIGKILL}), as a crash would.
     *
     * @param i the member's index in {@link #getProcesses()}
     */
    public void kill(int i) {
        getProcesses().get(i).kill();
    }

    /**
     * Shuts down the executors made here, stops every member and waits until each member process exited
     * (killing one that does not stop in time). Idempotent.
     */
    @Override
    public void close() {
        List<ClusterExecutor> es;
        List<Process> ps;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            es = List.copyOf(executors);
            ps = List.copyOf(processes);
        }
        for (ClusterExecutor e : es) {
            e.shutdown(false, true);
        }
        stop.set();
        for (Process p : ps) {
            if (!p.join(STOP_TIMEOUT_SECONDS)) {
                p.kill();
                p.join();
            }
        }
        for (ClusterExecutor e : es) {
            e.shutdown(true);
        }
        for (Process p : ps) {
            p.close();
        }
    }

    private static int freePortRange(int count) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = 20_000 + random.nextInt(30_000);
            if (rangeFree(base, count)) {
                return base;
            }
        }
        throw new IllegalStateException("no free range of " + count + " ports on 127.0.0.1");
    }

    private static boolean rangeFree(int base, int count) {
        for (int p = base; p < base + count; p++) {
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(false);
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), p));
            } catch (IOException inUse) {
                return false;
            }
        }
        return true;
    }

    /** The cluster name and size. */
    @Override
    public synchronized String toString() {
        return "<LocalCluster " + clusterName + " members=" + processes.size() + " ports=" + basePort + ".."
                + (basePort + portCount - 1) + ">";
    }
}
