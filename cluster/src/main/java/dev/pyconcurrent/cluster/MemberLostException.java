package dev.pyconcurrent.cluster;

import java.util.UUID;

/**
 * The cluster member running a task left the cluster or died before sending the task's result back.
 * The task may or may not have run, in part or entirely; it is not run again (use the {@code durable}
 * mode of {@link ClusterExecutor} for at-least-once execution). The message names the member's address
 * and UUID. Python has no equivalent: it is the cluster analogue of
 * {@link dev.pyconcurrent.multiprocessing.ProcessDiedException}.
 */
public class MemberLostException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The lost member's address, as {@code host:port}. */
    private final String memberAddress;
    /** The lost member's UUID. */
    private final UUID memberUuid;

    /**
     * @param memberAddress the lost member's address, {@code host:port}
     * @param memberUuid    the lost member's UUID
     * @param message       what happened
     * @param cause         the failure reported by Hazelcast, or {@code null}
     */
    public MemberLostException(String memberAddress, UUID memberUuid, String message, Throwable cause) {
        super(message, cause);
        this.memberAddress = memberAddress;
        this.memberUuid = memberUuid;
    }

    /**
     * @return the lost member's address, {@code host:port}
     */
    public String getMemberAddress() {
        return memberAddress;
    }

    /**
     * @return the lost member's UUID
     */
    public UUID getMemberUuid() {
        return memberUuid;
    }
}
