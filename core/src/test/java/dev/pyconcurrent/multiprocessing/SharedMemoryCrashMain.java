package dev.pyconcurrent.multiprocessing;

/**
 * A parent that creates a {@link Value}, prints its file, and dies without running exit hooks.
 * Modes: no argument (halt at once), {@code child} (first start a child that maps the value and
 * sleeps, print {@code FILE} and wait to be killed).
 */
public final class SharedMemoryCrashMain {
    private SharedMemoryCrashMain() {
    }

    public static void main(String[] args) throws Exception {
        Value v = Value.ofLong(7);
        if (args.length > 0 && args[0].equals("child")) {
            Process p = new Process((Value x) -> {
                x.setLong(8);
                sleep(120_000);
            }, v);
            p.start();
            while (v.getLong() != 8) {
                java.lang.Thread.onSpinWait();
            }
            System.out.println("CHILD " + p.getPid());
            System.out.println("FILE " + v.file());
            System.out.flush();
            sleep(120_000);
        }
        System.out.println("FILE " + v.file());
        System.out.flush();
        Runtime.getRuntime().halt(3);
    }

    private static void sleep(long ms) {
        try {
            java.lang.Thread.sleep(ms);
        } catch (InterruptedException e) {
            java.lang.Thread.currentThread().interrupt();
        }
    }
}
