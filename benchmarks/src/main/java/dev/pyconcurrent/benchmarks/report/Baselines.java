package dev.pyconcurrent.benchmarks.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Which results are baselines and what each pyconcurrent result is compared with. The
 * convention, matching the benchmarks of this module:
 * <ol>
 *   <li>A method or {@code @Group} named {@code baseline<Upper>...} or {@code raw<Upper>...}
 *       is a baseline ({@code baselineReentrantLock_1t}, {@code rawFixedPoolInvokeAll}).</li>
 *   <li>A {@code @Param} one of whose values is {@code pyconcurrent} (such as
 *       {@code QueueBenchmark.impl}) is the <em>implementation</em> parameter: the result with
 *       {@code pyconcurrent} is the subject, the same method with any other value
 *       ({@code ArrayBlockingQueue}, ...) is a baseline for it.</li>
 *   <li>Every other result is a subject (pyconcurrent). A subject is compared with the
 *       named baselines of its class that have the same mode, the same parameters and the
 *       same {@code _suffix} ({@code lock_1t} with {@code baselineReentrantLock_1t}, not with
 *       {@code baselineReentrantLock_2t}); when some of those share a name prefix of three
 *       letters or more with the subject ({@code map100k} and {@code baselineMap100kThreadPool}),
 *       only those with the longest shared prefix count.</li>
 * </ol>
 * The ratio is the <em>relative speed</em>: baseline time per operation over the subject's, so
 * 1.0 means as fast as the baseline, 0.9 means 10% slower and 2.0 twice as fast, in every mode.
 */
final class Baselines {
    /** A subject, one of its baselines, the baseline's short label and the relative speed. */
    static final class Pair {
        final Result subject;
        final Result baseline;
        final String baselineLabel;
        final double relativeSpeed;

        Pair(Result subject, Result baseline, String baselineLabel) {
            this.subject = subject;
            this.baseline = baseline;
            this.baselineLabel = baselineLabel;
            this.relativeSpeed = baseline.nanosPerOp() / subject.nanosPerOp();
        }
    }

    private Baselines() {
    }

    /** The implementation parameter of a class's results, or null. */
    static String implParam(List<Result> ofClass) {
        for (Result r : ofClass) {
            for (Map.Entry<String, String> p : r.params.entrySet()) {
                if (p.getValue().equalsIgnoreCase("pyconcurrent")) {
                    return p.getKey();
                }
            }
        }
        return null;
    }

    /** True if the name marks a baseline (rule 1). */
    static boolean namedBaseline(String name) {
        return startsWithWord(name, "baseline") || startsWithWord(name, "raw");
    }

    private static boolean startsWithWord(String name, String prefix) {
        return name.length() > prefix.length() && name.startsWith(prefix)
                && Character.isUpperCase(name.charAt(prefix.length()));
    }

    /** True if the result is a baseline by name or by its implementation parameter. */
    static boolean isBaseline(Result r, String implParam) {
        if (namedBaseline(r.name)) {
            return true;
        }
        return implParam != null && r.params.containsKey(implParam)
                && !r.params.get(implParam).equalsIgnoreCase("pyconcurrent");
    }

    /** Every (subject, baseline) pair of one class, subjects in the order given. */
    static List<Pair> pairs(List<Result> ofClass) {
        String impl = implParam(ofClass);
        List<Pair> out = new ArrayList<>();
        for (Result s : ofClass) {
            if (isBaseline(s, impl)) {
                continue;
            }
            if (impl != null) {
                Map<String, String> others = without(s.params, impl);
                for (Result b : ofClass) {
                    if (b != s && b.name.equals(s.name) && b.mode.equals(s.mode)
                            && b.params.containsKey(impl) && isBaseline(b, impl)
                            && without(b.params, impl).equals(others)) {
                        out.add(new Pair(s, b, b.params.get(impl)));
                    }
                }
            }
            List<Result> named = new ArrayList<>();
            for (Result b : ofClass) {
                if (namedBaseline(b.name) && b.mode.equals(s.mode) && b.params.equals(s.params)
                        && Objects.equals(suffix(b.name), suffix(s.name))) {
                    named.add(b);
                }
            }
            int best = 0;
            for (Result b : named) {
                best = Math.max(best, sharedPrefix(stem(s.name), stem(b.name)));
            }
            for (Result b : named) {
                if (best < 3 || sharedPrefix(stem(s.name), stem(b.name)) == best) {
                    out.add(new Pair(s, b, label(b.name)));
                }
            }
        }
        return out;
    }

    private static Map<String, String> without(Map<String, String> params, String key) {
        Map<String, String> m = new LinkedHashMap<>(params);
        m.remove(key);
        return m;
    }

    /** {@code _1t} of {@code lock_1t}; null when there is no underscore. */
    static String suffix(String name) {
        int u = name.indexOf('_');
        return u < 0 ? null : name.substring(u);
    }

    /** The name without the baseline prefix and the suffix, lower case. */
    private static String stem(String name) {
        String s = name;
        if (startsWithWord(s, "baseline")) {
            s = s.substring("baseline".length());
        }
        int u = s.indexOf('_');
        if (u >= 0) {
            s = s.substring(0, u);
        }
        return s.toLowerCase(Locale.ROOT);
    }

    /** {@code baselineReentrantLock_1t} is shown as {@code ReentrantLock}; raw names stay. */
    static String label(String baselineName) {
        String s = baselineName;
        if (startsWithWord(s, "baseline")) {
            s = s.substring("baseline".length());
        }
        int u = s.indexOf('_');
        return u < 0 ? s : s.substring(0, u);
    }

    private static int sharedPrefix(String a, String b) {
        int n = 0;
        while (n < a.length() && n < b.length() && a.charAt(n) == b.charAt(n)) {
            n++;
        }
        return n;
    }
}
