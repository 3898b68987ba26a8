package dev.pyconcurrent.examples;

/** The demo: placeholder until the examples land. */
public final class Demo {
    private Demo() {
    }

    public static void main(String[] args) {
        System.out.println("pyconcurrent demo");
    }
}
