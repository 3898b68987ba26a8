package dev.pyconcurrent.cluster.internal;

import com.hazelcast.cluster.Address;
import com.hazelcast.cluster.InitialMembershipEvent;
import com.hazelcast.cluster.InitialMembershipListener;
import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.core.ExecutionCallback;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.durableexecutor.DurableExecutorService;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import com.hazelcast.spi.exception.TargetNotMemberException;
import dev.pyconcurrent.cluster.MemberLostException;
import dev.pyconcurrent.futures.BrokenExecutorException;
import dev.pyconcurrent.futures.SettableFuture;
import dev.pyconcurrent.multiprocessing.internal.codec.CallerStackTrace;
import dev.pyconcurrent.internal.Interrupts;
import dev.pyconcurrent.internal.LazyLogger;
import dev.pyconcurrent.internal.ThreadFactories;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The engine of {@code ClusterExecutor}: a local queue of jobs (one per {@code submit} or {@code map}
 * chunk) dispatched to the cluster's data members, at most {@code tasksPerMember} in flight on each, and
 * the futures they settle. Not public API.
 *
 * <p>Job life (guarded by {@code lock}): PENDING (in {@code pending}; its future PENDING, cancellable)
 * --dispatch--> IN FLIGHT (its future RUNNING; recorded in its member's slot, or counted in
 * {@code durableInFlight}) --outcome--> SETTLED. A job whose future was cancelled while PENDING is dropped
 * at dispatch. A member that leaves settles every job in its slot with {@link MemberLostException}
 * (logged at WARN); the Hazelcast invocation's own failure for such a job arrives later and is ignored.
 * Normal mode submits each job to one chosen member, so Hazelcast never runs it anywhere else; durable
 * mode submits it to Hazelcast's durable executor, which re-runs it on a backup when its member dies
 * (at least once) and so is not failed by a member leaving.
 *
 * <p>Executor states (guarded by {@code lock}): OPEN --shutdown--> SHUT_DOWN (new work refused; the
 * outstanding jobs still run unless cancelled) --no job outstanding--> RELEASING (on its own thread: the
 * membership listener is removed and an owned Hazelcast instance shut down) --> TERMINATED. OPEN or
 * SHUT_DOWN --our Hazelcast instance stops--> BROKEN: every unsettled job fails with
 * {@link BrokenExecutorException}, new work is refused with it; shutdown then terminates at once.
 *
 * <p>Outcomes are settled, and jobs dispatched after them, on one completion thread per executor (never
 * on Hazelcast's threads), so done-callbacks run there.
 */
public final class ClusterScheduler {
    private static final LazyLogger LOG = new LazyLogger(ClusterScheduler.class);

    private static final int OPEN = 0;
    private static final int SHUT_DOWN = 1;
    private static final int RELEASING = 2;
    private static final int TERMINATED = 3;

    /** One submitted call or map chunk. */
    private static final class Job {
        final SettableFuture<Object> future;
        final TaskEnvelope envelope;
        /** What the user submitted, returned by {@code shutdownNow} if it never started. */
        final Object original;
        /** The member running it; null while pending and in durable mode. */
        MemberSlot slot;           // guarded by lock
        boolean settled;           // guarded by lock

        Job(TaskEnvelope envelope, Object original) {
            this.future = new SettableFuture<>();
            this.envelope = envelope;
            this.original = original;
        }
    }

    /** A data member and the jobs it runs for us. */
    private static final class MemberSlot {
        final Member member;
        final String name;
        final Set<Job> inFlight = new HashSet<>();   // guarded by lock

        MemberSlot(Member member) {
            this.member = member;
            this.name = describe(member);
        }
    }

    private final HazelcastInstance hz;
    private final boolean ownsInstance;
    private final boolean durable;
    private final int tasksPerMember;
    private final IExecutorService executor;
    private final DurableExecutorService durableExecutor;
    private final String name;
    /** Settles outcomes and dispatches; one daemon thread that ends when idle. */
    private final ThreadPoolExecutor completer;
    private final CountDownLatch terminated = new CountDownLatch(1);

    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when a data member is added or the executor breaks ({@link #awaitMembers}). */
    private final Condition membersChanged = lock.newCondition();
    private final ArrayDeque<Job> pending = new ArrayDeque<>();                   // guarded by lock
    private final Map<UUID, MemberSlot> members = new LinkedHashMap<>();         // guarded by lock
    private final Set<Job> outstanding = new HashSet<>();                         // guarded by lock
    private int durableInFlight;                                                  // guarded by lock
    private int state = OPEN;                                                     // guarded by lock
    private Throwable broken;                                                     // guarded by lock
    private long dispatched;                                                      // guarded by lock
    private boolean warnedNoMembers;                                              // guarded by lock
    /** Whether the initial member list arrived (before it, an empty list means "not known yet"). */
    private boolean membersKnown;                                                 // guarded by lock
    private final UUID membershipRegistration;
    private final UUID lifecycleRegistration;

    /**
     * Starts dispatching to the cluster of {@code hz}.
     *
     * @param hz             a member or client instance
     * @param ownsInstance   whether termination shuts {@code hz} down
     * @param durable        whether to use the durable executor (at-least-once)
     * @param executorName   name of the Hazelcast (durable) executor
     * @param tasksPerMember jobs in flight per data member, at least 1
     * @param name           names the completion thread and log lines
     */
    public ClusterScheduler(HazelcastInstance hz, boolean ownsInstance, boolean durable, String executorName,
                            int tasksPerMember, String name) {
        this.hz = hz;
        this.ownsInstance = ownsInstance;
        this.durable = durable;
        this.tasksPerMember = tasksPerMember;
        this.name = name;
        this.executor = durable ? null : hz.getExecutorService(executorName);
        this.durableExecutor = durable ? hz.getDurableExecutorService(executorName) : null;
        this.completer = new ThreadPoolExecutor(1, 1, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                ThreadFactories.daemon(name + "-completer"));
        this.completer.allowCoreThreadTimeOut(true);
        this.lifecycleRegistration = hz.getLifecycleService().addLifecycleListener(this::lifecycleChanged);
        this.membershipRegistration = hz.getCluster().addMembershipListener(new InitialMembershipListener() {
            @Override
            public void init(InitialMembershipEvent event) {
                for (Member m : event.getMembers()) {
                    onMemberAdded(m, false);
                }
                lock.lock();
                try {
                    membersKnown = true;
                } finally {
                    lock.unlock();
                }
                onCompleter(ClusterScheduler.this::dispatch);   // work submitted before this event waits for it
            }

            @Override
            public void memberAdded(MembershipEvent event) {
                onMemberAdded(event.getMember(), true);
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                onMemberRemoved(event.getMember());
            }
        });
        if (!hz.getLifecycleService().isRunning()) {
            lifecycleChanged(new LifecycleEvent(LifecycleEvent.LifecycleState.SHUTDOWN));
        }
    }

    /** {@code host:port (uuid)} of a member. */
    static String describe(Member m) {
        Address a = m.getAddress();
        return a.getHost() + ":" + a.getPort() + " (uuid " + m.getUuid() + ")";
    }

    // ------------------------------------------------------------------ submitting

    /**
     * Submits one call.
     *
     * @param envelope the encoded call
     * @param original what the user submitted
     * @param <T>      result type
     * @return its future
     */
    @SuppressWarnings("unchecked")
    public <T> SettableFuture<T> submit(TaskEnvelope envelope, Object original) {
        Job job = new Job(envelope, original);
        enqueue(job);
        return (SettableFuture<T>) (SettableFuture<?>) job.future;
    }

    /**
     * Submits one chunk of a map: one job whose future yields the chunk's results, in order.
     *
     * @param function the function, serialized once per {@code map} call
     * @param chunk    the chunk's items
     * @param <R>      item result type
     * @return the chunk's future
     * @throws IllegalArgumentException if an item cannot be serialized
     */
    public <R> SettableFuture<List<R>> submitChunk(byte[] function, List<?> chunk) {
        return submit(TaskEnvelope.chunk(function, TaskEnvelope.CODEC.encode(chunk.toArray())), null);
    }

    private void enqueue(Job job) {
        lock.lock();
        try {
            checkOpenLocked();
            outstanding.add(job);
            pending.add(job);
        } finally {
            lock.unlock();
        }
        job.future.addDoneCallback(f -> forget(job));
        dispatch();
    }

    private void checkOpen() {
        lock.lock();
        try {
            checkOpenLocked();
        } finally {
            lock.unlock();
        }
    }

    private void checkOpenLocked() {
        if (broken != null) {
            throw new BrokenExecutorException("the cluster executor is broken: " + broken, broken);
        }
        if (state != OPEN) {
            throw new IllegalStateException("cannot schedule new futures after shutdown");
        }
    }

    /** A job's future is done (settled here or cancelled by the user): it is no longer outstanding. */
    private void forget(Job job) {
        boolean release;
        lock.lock();
        try {
            outstanding.remove(job);
            release = releaseIfDoneLocked();
        } finally {
            lock.unlock();
        }
        if (release) {
            startRelease();
        }
    }

    // ------------------------------------------------------------------ dispatching

    private record Dispatch(Job job, MemberSlot slot) {
    }

    /** Sends pending jobs to members with a free slot. */
    private void dispatch() {
        List<Dispatch> out = new ArrayList<>();
        Set<UUID> live = liveMembers();
        lock.lock();
        try {
            while (!pending.isEmpty() && broken == null) {
                Job job = pending.peek();
                if (job.future.cancelled()) {
                    pending.poll();
                    continue;
                }
                MemberSlot slot = null;
                if (durable) {
                    if (durableInFlight >= tasksPerMember * Math.max(1, members.size())) {
                        break;
                    }
                } else {
                    slot = leastLoaded(live);
                    if (slot == null) {
                        if (members.isEmpty() && membersKnown && !warnedNoMembers) {
                            warnedNoMembers = true;
                            LOG.get().warn("{}: no data member in the cluster can run tasks; {} task(s) wait for one to join",
                                    name, pending.size());
                        }
                        break;
                    }
                }
                pending.poll();
                if (!startRunning(job)) {
                    continue;
                }
                if (slot != null) {
                    slot.inFlight.add(job);
                    job.slot = slot;
                } else {
                    durableInFlight++;
                }
                dispatched++;
                out.add(new Dispatch(job, slot));
            }
        } finally {
            lock.unlock();
        }
        for (Dispatch d : out) {
            send(d.job, d.slot);
        }
    }

    private static boolean startRunning(Job job) {
        try {
            return job.future.setRunningOrNotifyCancel();
        } catch (IllegalStateException alreadySettled) {
            return false;
        }
    }

    /**
     * The UUIDs of the members Hazelcast sees now, or null if it cannot tell. Hazelcast drops a dead member
     * from this set (and fails the invocations sent to it) before our membership listener hears of it; a
     * slot whose member is not in it gets no more work.
     */
    private Set<UUID> liveMembers() {
        try {
            Set<UUID> out = new HashSet<>();
            for (Member m : hz.getCluster().getMembers()) {
                out.add(m.getUuid());
            }
            return out;
        } catch (RuntimeException notRunning) {
            return null;
        }
    }

    /**
     * The live member with the fewest jobs in flight and a free slot, rotating among equals; null if none.
     *
     * @param live the members Hazelcast sees, or null for all
     */
    private MemberSlot leastLoaded(Set<UUID> live) {
        MemberSlot best = null;
        int n = members.size();
        if (n == 0) {
            return null;
        }
        int start = (int) (dispatched % n);
        MemberSlot[] slots = members.values().toArray(new MemberSlot[0]);
        for (int k = 0; k < n; k++) {
            MemberSlot s = slots[(start + k) % n];
            if (live != null && !live.contains(s.member.getUuid())) {
                continue;
            }
            if (s.inFlight.size() < tasksPerMember && (best == null || s.inFlight.size() < best.inFlight.size())) {
                best = s;
            }
        }
        return best;
    }

    private void send(Job job, MemberSlot slot) {
        try {
            if (slot != null) {
                executor.submitToMember(job.envelope, slot.member, new ExecutionCallback<Outcome>() {
                    @Override
                    public void onResponse(Outcome response) {
                        onCompleter(() -> settle(job, response, null));
                    }

                    @Override
                    public void onFailure(Throwable t) {
                        onCompleter(() -> settle(job, null, t));
                    }
                });
            } else {
                durableExecutor.submit(job.envelope).whenComplete(
                        (response, t) -> onCompleter(() -> settle(job, response, t)));
            }
        } catch (RuntimeException e) {
            onCompleter(() -> settle(job, null, e));
        }
    }

    /**
     * Runs {@code r} on the completion thread; once the executor is released (every job settled), a late
     * Hazelcast callback finds its job settled, so it runs in the calling thread and returns at once.
     */
    private void onCompleter(Runnable r) {
        try {
            completer.execute(r);
        } catch (RejectedExecutionException released) {
            r.run();
        }
    }

    // ------------------------------------------------------------------ outcomes

    /** Settles a job from its Hazelcast outcome (on the completion thread), then dispatches more. */
    private void settle(Job job, Outcome outcome, Throwable failure) {
        MemberSlot slot;
        lock.lock();
        try {
            if (job.settled) {
                return;
            }
            job.settled = true;
            slot = job.slot;
            if (slot != null) {
                slot.inFlight.remove(job);
            } else if (durable) {
                durableInFlight--;
            }
        } finally {
            lock.unlock();
        }
        String where = slot != null ? slot.name : "a member of the durable executor";
        if (failure == null && outcome != null) {
            if (outcome.failure() != null) {
                Throwable remote = outcome.failure().rebuild(TaskEnvelope.CODEC);
                remote.addSuppressed(new CallerStackTrace("raised on cluster member " + where
                        + " and received by the caller here"));
                setException(job, remote);
            } else {
                Object value;
                try {
                    value = TaskEnvelope.CODEC.decode(outcome.value());
                } catch (RuntimeException e) {
                    value = null;
                    setException(job, new IllegalStateException("the result from " + where
                            + " cannot be deserialized here: " + e.getMessage(), e));
                }
                if (!job.future.done()) {
                    setResult(job, value);
                }
            }
        } else {
            Throwable t = classify(failure, slot);
            setException(job, t);
            Throwable cause = unwrap(failure);
            if (slot != null && (cause instanceof MemberLeftException || cause instanceof TargetNotMemberException)) {
                // Hazelcast already dropped the member: its other jobs are lost too, no more work goes there
                onMemberRemoved(slot.member);
            }
        }
        dispatch();
    }

    private Throwable classify(Throwable failure, MemberSlot slot) {
        Throwable t = unwrap(failure);
        if (t instanceof HazelcastInstanceNotActiveException) {
            return new BrokenExecutorException("the local Hazelcast instance is not running: " + t.getMessage(), t);
        }
        if (slot != null && (t instanceof MemberLeftException || t instanceof TargetNotMemberException
                || t instanceof TargetDisconnectedException || t instanceof RejectedExecutionException)) {
            return lost(slot, t);
        }
        return t;
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t == null ? new IllegalStateException("unknown failure") : t;
    }

    private static MemberLostException lost(MemberSlot slot, Throwable cause) {
        Address a = slot.member.getAddress();
        return new MemberLostException(a.getHost() + ":" + a.getPort(), slot.member.getUuid(),
                "cluster member " + slot.name + " left the cluster or died while running the task;"
                        + " it may have run in part or entirely and is not run again", cause);
    }

    private static void setResult(Job job, Object value) {
        try {
            job.future.setResult(value);
        } catch (IllegalStateException alreadySettled) {
            // settled by a member loss or cancelled meanwhile
        }
    }

    private static void setException(Job job, Throwable t) {
        try {
            job.future.setException(t);
        } catch (IllegalStateException alreadySettled) {
            // settled meanwhile
        }
    }

    // ------------------------------------------------------------------ membership

    private void onMemberAdded(Member m, boolean joined) {
        if (m.isLiteMember()) {
            return;
        }
        lock.lock();
        try {
            members.putIfAbsent(m.getUuid(), new MemberSlot(m));
            warnedNoMembers = false;
            membersChanged.signalAll();
        } finally {
            lock.unlock();
        }
        if (joined) {
            LOG.get().info("{}: member {} joined the cluster", name, describe(m));
            onCompleter(this::dispatch);
        }
    }

    private void onMemberRemoved(Member m) {
        List<Job> lostJobs;
        MemberSlot slot;
        lock.lock();
        try {
            slot = members.remove(m.getUuid());
            if (slot == null) {
                return;
            }
            lostJobs = new ArrayList<>(slot.inFlight);
            for (Job j : lostJobs) {
                j.settled = true;
            }
            slot.inFlight.clear();
        } finally {
            lock.unlock();
        }
        if (lostJobs.isEmpty()) {
            LOG.get().info("{}: member {} left the cluster", name, slot.name);
        } else {
            LOG.get().warn("{}: member {} left the cluster while running {} task(s); they fail with MemberLostException",
                    name, slot.name, lostJobs.size());
        }
        MemberSlot gone = slot;
        onCompleter(() -> {
            for (Job j : lostJobs) {
                setException(j, lost(gone, null));
            }
            dispatch();
        });
    }

    private void lifecycleChanged(LifecycleEvent event) {
        LifecycleEvent.LifecycleState s = event.getState();
        if (s != LifecycleEvent.LifecycleState.SHUTTING_DOWN && s != LifecycleEvent.LifecycleState.SHUTDOWN) {
            return;
        }
        List<Job> unsettled;
        lock.lock();
        try {
            if (broken != null || state >= RELEASING) {
                return;
            }
            broken = new IllegalStateException("the Hazelcast instance " + hz.getName() + " shut down");
            membersChanged.signalAll();
            unsettled = new ArrayList<>();
            for (Job j : outstanding) {
                if (!j.settled) {
                    j.settled = true;
                    unsettled.add(j);
                }
            }
            pending.clear();
        } finally {
            lock.unlock();
        }
        if (!unsettled.isEmpty()) {
            LOG.get().warn("{}: the Hazelcast instance shut down; {} unfinished task(s) fail", name, unsettled.size());
        }
        for (Job j : unsettled) {
            setException(j, new BrokenExecutorException("the Hazelcast instance shut down before the task finished"));
        }
    }

    // ------------------------------------------------------------------ shutdown

    /**
     * Python {@code shutdown(wait, cancel_futures)}.
     *
     * @param wait          wait until every outstanding future is done and the executor released its instance
     * @param cancelFutures cancel the jobs not yet dispatched
     */
    public void shutdown(boolean wait, boolean cancelFutures) {
        List<Job> toCancel = List.of();
        boolean release;
        lock.lock();
        try {
            if (state == OPEN) {
                state = SHUT_DOWN;
            }
            if (cancelFutures) {
                toCancel = new ArrayList<>(pending);
            }
            release = releaseIfDoneLocked();
        } finally {
            lock.unlock();
        }
        for (Job j : toCancel) {
            j.future.cancel();
        }
        if (release) {
            startRelease();
        }
        if (wait) {
            try {
                terminated.await();
            } catch (InterruptedException e) {
                throw Interrupts.rethrow(e);
            }
        }
    }

    /**
     * {@code ExecutorService.shutdownNow}: shuts down, cancels what has not started and returns it.
     *
     * @return the cancelled tasks (a submitted {@link Runnable} itself, a no-op for other work)
     */
    public List<Runnable> shutdownNow() {
        List<Job> waiting;
        lock.lock();
        try {
            if (state == OPEN) {
                state = SHUT_DOWN;
            }
            waiting = new ArrayList<>(pending);
        } finally {
            lock.unlock();
        }
        List<Runnable> out = new ArrayList<>();
        for (Job j : waiting) {
            if (j.future.cancel() && j.original != null) {
                out.add(j.original instanceof Runnable r ? r : () -> { });
            }
        }
        shutdown(false, false);
        return out;
    }

    /** True when shut down with nothing outstanding and not yet releasing; marks RELEASING. */
    private boolean releaseIfDoneLocked() {
        if (state == SHUT_DOWN && outstanding.isEmpty()) {
            state = RELEASING;
            return true;
        }
        return false;
    }

    private void startRelease() {
        Thread t = new Thread(this::release, name + "-release");
        t.setDaemon(false);
        t.start();
    }

    private void release() {
        try {
            try {
                hz.getCluster().removeMembershipListener(membershipRegistration);
                hz.getLifecycleService().removeLifecycleListener(lifecycleRegistration);
            } catch (RuntimeException alreadyDown) {
                // the instance is not running: nothing to remove
            }
            if (ownsInstance) {
                hz.shutdown();
            }
            completer.shutdown();
        } catch (RuntimeException e) {
            LOG.get().warn("{}: error while releasing the Hazelcast instance", name, e);
        } finally {
            lock.lock();
            try {
                state = TERMINATED;
            } finally {
                lock.unlock();
            }
            terminated.countDown();
        }
    }

    /**
     * @return whether shutdown was called
     */
    public boolean isShutdown() {
        lock.lock();
        try {
            return state != OPEN;
        } finally {
            lock.unlock();
        }
    }

    /**
     * @return whether every outstanding job is done and the instance released
     */
    public boolean isTerminated() {
        return terminated.getCount() == 0;
    }

    /**
     * @param nanos the bound
     * @return whether terminated within it
     * @throws InterruptedException JDK contract
     */
    public boolean awaitTermination(long nanos) throws InterruptedException {
        return terminated.await(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Waits until tasks are sent to at least {@code n} data members, the executor breaks (its instance
     * stopped), or {@code nanos} pass.
     *
     * @param n     the number of data members
     * @param nanos the longest wait
     * @return whether {@code n} data members are known
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitMembers(int n, long nanos) throws InterruptedException {
        lock.lock();
        try {
            while (members.size() < n) {
                if (nanos <= 0 || broken != null) {
                    return false;
                }
                nanos = membersChanged.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * @return the data members tasks are sent to
     */
    public List<Member> members() {
        lock.lock();
        try {
            List<Member> out = new ArrayList<>();
            for (MemberSlot s : members.values()) {
                out.add(s.member);
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    /**
     * @return the Hazelcast instance
     */
    public HazelcastInstance instance() {
        return hz;
    }
}
