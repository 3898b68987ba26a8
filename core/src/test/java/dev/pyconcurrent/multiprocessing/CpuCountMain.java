package dev.pyconcurrent.multiprocessing;

/** Child-JVM program for {@link ProcessExtrasTest}: prints {@code cpuCount() processCpuCount()}. */
public final class CpuCountMain {
    private CpuCountMain() {
    }

    public static void main(String[] args) {
        System.out.println(Multiprocessing.cpuCount() + " " + Multiprocessing.processCpuCount());
    }
}
