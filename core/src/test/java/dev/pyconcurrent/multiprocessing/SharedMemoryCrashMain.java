package dev.pyconcurrent.multiprocessing;

/** A parent that creates a {@link Value}, prints its file, and dies without running exit hooks. */
public final class SharedMemoryCrashMain {
    private SharedMemoryCrashMain() {
    }

    public static void main(String[] args) {
        Value v = Value.ofLong(7);
        System.out.println("FILE " + v.file());
        System.out.flush();
        Runtime.getRuntime().halt(3);
    }
}
