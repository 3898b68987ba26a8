package dev.pyconcurrent.stress;

import dev.pyconcurrent.futures.SettableFuture;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * One actor completes a future with a freshly built object whose fields are plain (not final);
 * another checks {@code done()} and, if true, reads the result's fields. Completion must publish
 * the object safely: a reader that sees the future done sees the object fully initialized.
 */
@JCStressTest
@Outcome(id = "1, 42, 43", expect = ACCEPTABLE, desc = "The reader saw the future done and the result fully initialized.")
@Outcome(id = "0, -1, -1", expect = ACCEPTABLE, desc = "The reader ran before completion and saw the future pending.")
@Outcome(expect = FORBIDDEN, desc = "The reader saw the future done but a half-initialized result: unsafe publication.")
@State
public class Future_01_CompletionVisible {

    /** A result with plain, non-final fields. */
    static final class Payload {
        int x;
        int y;
    }

    private final SettableFuture<Payload> future = new SettableFuture<>();

    @Actor
    public void completer() {
        Payload p = new Payload();
        p.x = 42;
        p.y = 43;
        future.setResult(p);
    }

    @Actor
    public void reader(III_Result r) {
        if (future.done()) {
            Payload p = future.result();
            r.r1 = 1;
            r.r2 = p.x;
            r.r3 = p.y;
        } else {
            r.r1 = 0;
            r.r2 = -1;
            r.r3 = -1;
        }
    }
}
