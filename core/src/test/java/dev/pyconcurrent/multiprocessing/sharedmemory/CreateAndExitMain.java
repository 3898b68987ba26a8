package dev.pyconcurrent.multiprocessing.sharedmemory;

/** Creates a tracked and an untracked block (names from the arguments) and exits normally. */
public final class CreateAndExitMain {
    private CreateAndExitMain() {
    }

    public static void main(String[] args) {
        SharedMemory.create(args[0], 16).getBuf().put(0, (byte) 66);
        new SharedMemory(args[1], true, 16, false).getBuf().put(0, (byte) 77);
        System.out.println("CREATED");
    }
}
