package dev.pyconcurrent.multiprocessing;

/**
 * A parent JVM for {@link ParentJvmTest}, started as a separate program.
 * Modes: {@code orphan} (start children, print their pids, wait to be killed),
 * {@code nondaemon} (main returns while a non-daemon child still runs),
 * {@code daemon} (main returns while a daemon child runs), {@code pool} (one apply, print it),

 */
public final class ParentMain {
    private ParentMain() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "orphan" -> {
                Pool pool = new Pool(1);
                long worker = pool.apply(() -> ProcessHandle.current().pid());
                Process daemon = new Process(() -> sleep(120_000));
                daemon.setDaemon(true);
                daemon.start();
                Process plain = new Process(() -> sleep(120_000));
                plain.start();
                System.out.println("PIDS " + worker + " " + daemon.getPid() + " " + plain.getPid());
                sleep(120_000);
            }
            case "nondaemon" -> {
                Process p = new Process(() -> {
                    sleep(1_000);
                    System.out.println("child done");
                });
                p.start();
                System.out.println("main done");
            }
            case "daemon" -> {
                Process p = new Process(() -> sleep(120_000));
                p.setDaemon(true);
                p.start();
                System.out.println("PIDS " + p.getPid());
            }
            case "pool" -> {
                try (Pool pool = new Pool(1)) {
                    System.out.println("RESULT " + pool.apply(() -> 6 * 7));
                    pool.close();
                    pool.join();
                }
            }
            case "sharing" -> {
                // how a worker JVM runs: its class-data sharing (java.vm.info) and the options it was given
                try (Pool pool = new Pool(1)) {
                    System.out.println("RESULT " + pool.apply(() -> System.getProperty("java.vm.info") + " | "
                            + ProcessHandle.current().info().arguments().map(java.util.Arrays::asList).orElse(null)));
                }
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    private static void sleep(long ms) {
        try {
            java.lang.Thread.sleep(ms);
        } catch (InterruptedException e) {
            java.lang.Thread.currentThread().interrupt();
        }
    }
}
