package dev.pyconcurrent.benchmarks.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One JMH result (one benchmark method or {@code @Group}, one combination of {@code @Param}
 * values): its primary metric and the run settings JMH recorded next to it. Immutable.
 */
final class Result {
    final String benchmarkClass;   // simple name, e.g. CounterBenchmark
    final String name;             // method or @Group name, e.g. lock_1t
    final Map<String, String> params;
    final String mode;             // thrpt, avgt, sample, ss
    final double score;
    final double error;            // half-width of JMH's 99.9% interval, 0 when unknown
    final String unit;             // e.g. ops/us, ms/op
    final int threads;
    final Map<String, Object> raw; // the whole JSON entry (run settings, JDK, ...)

    /**
     * Reads JSON as RFC 8259 has it (no comments, no unquoted NaN). Objects become maps in member
     * order, arrays lists, numbers {@link Double}, {@code true}/{@code false}/{@code null} their
     * Java values. Thread-safe.
     */
    private static final Gson JSON = new GsonBuilder().setStrictness(Strictness.STRICT).create();

    private Result(String benchmarkClass, String name, Map<String, String> params, String mode,
                   double score, double error, String unit, int threads, Map<String, Object> raw) {
        this.benchmarkClass = benchmarkClass;
        this.name = name;
        this.params = Collections.unmodifiableMap(params);
        this.mode = mode;
        this.score = score;
        this.error = error;
        this.unit = unit;
        this.threads = threads;
        this.raw = raw;
    }

    /**
     * Parses a whole JSON document into maps, lists, {@link Double}s, strings, booleans and null.
     *
     * @param text the document
     * @param source what the text is, for the error message (a file name)
     * @throws IllegalArgumentException naming {@code source} if the text is empty or not JSON
     */
    static Object parseJson(String text, String source) {
        if (text.isBlank()) {
            throw new IllegalArgumentException(source + ": empty, not JSON");
        }
        try {
            return JSON.fromJson(text, Object.class);
        } catch (JsonParseException malformed) {
            throw new IllegalArgumentException(source + ": malformed JSON: " + malformed.getMessage(), malformed);
        }
    }

    /** Reads every entry of a JMH {@code -rf json} file; {@code source} names it in errors. */
    @SuppressWarnings("unchecked")
    static List<Result> readAll(String json, String source) {
        Object doc = parseJson(json, source);
        if (!(doc instanceof List)) {
            throw new IllegalArgumentException(source + ": not a JMH JSON result file: the top level is not an array");
        }
        List<Result> out = new ArrayList<>();
        for (Object item : (List<Object>) doc) {
            if (!(item instanceof Map)) {
                throw new IllegalArgumentException(source + ": not a JMH JSON result file: an entry is not an object");
            }
            out.add(of((Map<String, Object>) item));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Result of(Map<String, Object> e) {
        String benchmark = text(e, "benchmark");
        String[] parts = benchmark.split("\\.");
        String name = parts[parts.length - 1];
        String cls = parts.length >= 2 ? parts[parts.length - 2] : "";
        Map<String, String> params = new LinkedHashMap<>();
        Object p = e.get("params");
        if (p instanceof Map) {
            for (Map.Entry<String, Object> pe : ((Map<String, Object>) p).entrySet()) {
                params.put(pe.getKey(), String.valueOf(pe.getValue()));
            }
        }
        Object pm = e.get("primaryMetric");
        if (!(pm instanceof Map)) {
            throw new IllegalArgumentException(benchmark + ": no primaryMetric");
        }
        Map<String, Object> metric = (Map<String, Object>) pm;
        double score = number(metric.get("score"));
        double error = number(metric.get("scoreError"));
        Object threads = e.get("threads");
        return new Result(cls, name, params, text(e, "mode"), score,
                Double.isFinite(error) ? error : 0.0, text(metric, "scoreUnit"),
                threads instanceof Double ? ((Double) threads).intValue() : 1, e);
    }

    private static String text(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v == null ? "" : String.valueOf(v);
    }

    /** JMH writes a missing error as the string "NaN". */
    static double number(Object v) {
        if (v instanceof Double) {
            return (Double) v;
        }
        if (v instanceof String) {
            try {
                return Double.parseDouble((String) v);
            } catch (NumberFormatException notANumber) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    /** A run setting as text, e.g. {@code jdkVersion}; empty when absent. */
    String setting(String key) {
        return text(raw, key);
    }

    /** {@code p=v, q=w}, or empty. */
    static String paramText(Map<String, String> params) {
        return params.entrySet().stream().map(x -> x.getKey() + "=" + x.getValue())
                .collect(Collectors.joining(", "));
    }

    /** The key naming this result: {@code Class.name} or {@code Class.name[p=v, ...]}. */
    String key() {
        return benchmarkClass + "." + name + (params.isEmpty() ? "" : "[" + paramText(params) + "]");
    }

    /** The mode in words, with which way is better. */
    String modeText() {
        switch (mode) {
            case "thrpt": return "throughput (higher is better)";
            case "avgt": return "average time (lower is better)";
            case "sample": return "sampled time (lower is better)";
            case "ss": return "single-shot time (lower is better)";
            default: return mode;
        }
    }

    /**
     * The score as nanoseconds per operation, whatever the mode and unit, so that results in
     * different units compare; NaN when the unit is not understood.
     */
    double nanosPerOp() {
        String[] u = unit.toLowerCase(Locale.ROOT).split("/");
        if (u.length != 2) {
            return Double.NaN;
        }
        if (u[1].equals("op")) {
            return score * nanosOf(u[0]);
        }
        if (u[0].equals("ops")) {
            return nanosOf(u[1]) / score;
        }
        return Double.NaN;
    }

    private static double nanosOf(String timeUnit) {
        switch (timeUnit) {
            case "ns": return 1;
            case "us": return 1e3;
            case "ms": return 1e6;
            case "s": return 1e9;
            case "min": return 60e9;
            case "hr": return 3600e9;
            case "day": return 86400e9;
            default: return Double.NaN;
        }
    }
}
