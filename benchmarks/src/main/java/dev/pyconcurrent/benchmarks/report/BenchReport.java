package dev.pyconcurrent.benchmarks.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a JMH JSON result file into PNG bar charts and a Markdown summary.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.pyconcurrent.benchmarks.report.BenchReport \
 *      [--out docs/benchmarks] [--python benchmarks/target/python.json] \
 *      [--date 2025-01-31] [--machine "text"] [benchmarks/target/jmh.json ...]
 * </pre>
 *
 * <p>Several JMH files (say, two runs of different benchmark subsets) are read as one; the
 * JDK and settings shown are those of the first result.
 *
 * <p>For every benchmark class (and every mode and unit inside it) it draws
 * {@code <Class>.png}: the score of each benchmark method or group with JMH's 99.9% error bar,
 * pyconcurrent and baselines in different colours. Where pyconcurrent has a baseline
 * (see {@link Baselines} for the naming convention) it also draws {@code <Class>-ratio.png},
 * the relative speed against each raw {@code java.util.concurrent} / JDK baseline (1.0 = as
 * fast). With {@code --python FILE}, a JSON object {@code {"workload": seconds, ...}} of CPython
 * timings (nested objects are flattened to {@code outer.inner}), it draws {@code python.png};
 * a workload named like a JMH result ({@code Class.method} or {@code Class.method[p=v]}, the
 * keys in RESULTS.md) is drawn next to the Java time. A missing file is skipped.
 * {@code RESULTS.md} gets the same numbers as tables.
 *
 * <p>Every chart and the summary carry the machine (CPU model from {@code /proc/cpuinfo},
 * cores, OS and architecture, of the machine running the report: run it where the
 * benchmarks ran, or pass {@code --machine}), the JDK recorded in the JMH file, the date
 * (the newest result file's modification date unless {@code --date}) and the JMH settings.
 * {@code benchmarks/report.sh} runs the suite and then this report.
 */
public final class BenchReport {
    private BenchReport() {
    }

    /**
     * Entry point; see the class comment for the arguments.
     *
     * @param args options and the JMH JSON files (default {@code benchmarks/target/jmh.json})
     * @throws IOException if a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<Path> inputs = new ArrayList<>();
        Path out = Paths.get("docs/benchmarks");
        Path python = null;
        String date = null;
        String machine = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--out": out = Paths.get(value(args, ++i, a)); break;
                case "--python": python = Paths.get(value(args, ++i, a)); break;
                case "--date": date = value(args, ++i, a); break;
                case "--machine": machine = value(args, ++i, a); break;
                case "-h":
                case "--help":
                    System.out.println("usage: BenchReport [--out DIR] [--python FILE] [--date TEXT]"
                            + " [--machine TEXT] [JMH_JSON ...]");
                    return;
                default:
                    if (a.startsWith("--")) {
                        throw new IllegalArgumentException("unknown option " + a);
                    }
                    inputs.add(Paths.get(a));
            }
        }
        if (inputs.isEmpty()) {
            inputs.add(Paths.get("benchmarks/target/jmh.json"));
        }
        List<Result> results = new ArrayList<>();
        Instant newest = Instant.EPOCH;
        for (Path input : inputs) {
            results.addAll(Result.readAll(Files.readString(input, StandardCharsets.UTF_8), input.toString()));
            Instant modified = Files.getLastModifiedTime(input).toInstant();
            newest = modified.isAfter(newest) ? modified : newest;
        }
        if (results.isEmpty()) {
            throw new IllegalArgumentException(inputs + " hold no results");
        }
        if (date == null) {
            date = LocalDate.ofInstant(newest, ZoneId.systemDefault()).toString();
        }
        Map<String, Double> pythonTimes = new LinkedHashMap<>();
        if (python != null) {
            if (Files.isRegularFile(python)) {
                flatten("", Result.parseJson(Files.readString(python, StandardCharsets.UTF_8), python.toString()),
                        pythonTimes);
            } else {
                System.out.println("no CPython timings at " + python + ": skipped");
            }
        }
        Labels labels = new Labels(machine == null ? machine() : machine, results.get(0), date);
        new Report(results, pythonTimes, labels, out).write();
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Object json, Map<String, Double> into) {
        if (json instanceof Map) {
            for (Map.Entry<String, Object> e : ((Map<String, Object>) json).entrySet()) {
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), into);
            }
        } else if (json instanceof Double && !prefix.isEmpty()) {
            into.put(prefix, (Double) json);
        }
    }

    /** CPU model, cores, OS and architecture of this machine. */
    static String machine() {
        String model = null;
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
                if (line.startsWith("model name")) {
                    model = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            model = null;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        return (model == null || model.isEmpty() ? "" : model + ", ")
                + cores + (cores == 1 ? " core, " : " cores, ")
                + System.getProperty("os.name") + " " + System.getProperty("os.arch");
    }

    /** The machine / JDK / date / settings text every chart and table carries. Immutable. */
    static final class Labels {
        final String machine;
        final String jdk;
        final String date;
        final String settings;

        Labels(String machine, Result any, String date) {
            this.machine = machine;
            this.jdk = ("JDK " + any.setting("jdkVersion") + " (" + any.setting("vmName") + " "
                    + any.setting("vmVersion") + ")").replace(" ()", "");
            this.date = date;
            this.settings = "JMH " + any.setting("jmhVersion") + ", " + whole(any.setting("forks")) + " fork(s), "
                    + whole(any.setting("warmupIterations")) + " x " + any.setting("warmupTime") + " warmup, "
                    + whole(any.setting("measurementIterations")) + " x " + any.setting("measurementTime")
                    + " measurement";
        }

        /** {@code 3} for the {@code 3.0} the JSON reader gives. */
        private static String whole(String number) {
            return number.endsWith(".0") ? number.substring(0, number.length() - 2) : number;
        }

        /** One line for a chart's x axis title. */
        String line() {
            return machine + "  |  " + jdk + "  |  " + date;
        }
    }

    /** Draws the charts and writes RESULTS.md for one result file. */
    private static final class Report {
        private final List<Result> results;
        private final Map<String, Double> python;
        private final Labels labels;
        private final Path out;
        private final StringBuilder md = new StringBuilder();

        Report(List<Result> results, Map<String, Double> python, Labels labels, Path out) {
            this.results = results;
            this.python = python;
            this.labels = labels;
            this.out = out;
        }

        void write() throws IOException {
            md.append("# Benchmark results\n\n");
            md.append("- Machine: ").append(labels.machine).append('\n');
            md.append("- ").append(labels.jdk).append('\n');
            md.append("- Date: ").append(labels.date).append('\n');
            md.append("- Settings: ").append(labels.settings).append('\n');
            md.append("\nProduced by `bash benchmarks/report.sh` (JMH JSON → `BenchReport`). Absolute numbers "
                    + "depend on the machine and its load; the ratios against the `java.util.concurrent` / JDK "
                    + "baselines measured in the same run are the meaningful part. Error bars and `±` are "
                    + "JMH's 99.9% confidence half-widths.\n\n");
            md.append("Baselines: methods or groups named `baseline…` or `raw…`, and `@Param` values other than "
                    + "`pyconcurrent` of a parameter that has that value (`QueueBenchmark.impl`). Relative speed = "
                    + "baseline time per operation / pyconcurrent time per operation: 1.0 is as fast as the "
                    + "baseline, 0.9 is 10% slower, 2.0 twice as fast.\n");
            Map<String, List<Result>> byClass = new LinkedHashMap<>();
            for (Result r : results) {
                byClass.computeIfAbsent(r.benchmarkClass, k -> new ArrayList<>()).add(r);
            }
            for (Map.Entry<String, List<Result>> e : byClass.entrySet()) {
                writeClass(e.getKey(), e.getValue());
            }
            if (!python.isEmpty()) {
                writePython();
            }
            Files.createDirectories(out);
            Files.writeString(out.resolve("RESULTS.md"), md.toString(), StandardCharsets.UTF_8);
            System.out.println("wrote " + out.resolve("RESULTS.md"));
        }

        private void writeClass(String cls, List<Result> ofClass) throws IOException {
            md.append("\n## ").append(cls).append("\n\n");
            String impl = Baselines.implParam(ofClass);
            Map<String, List<Result>> byMetric = new LinkedHashMap<>();
            for (Result r : ofClass) {
                byMetric.computeIfAbsent(r.mode + " " + r.unit, k -> new ArrayList<>()).add(r);
            }
            for (List<Result> group : byMetric.values()) {
                Result first = group.get(0);
                String file = cls + (byMetric.size() == 1 ? "" : "-" + first.mode + "-" + slug(first.unit)) + ".png";
                drawScores(out.resolve(file), cls, group, impl);
                md.append("![").append(cls).append(' ').append(first.mode).append("](").append(file).append(")\n\n");
            }
            md.append("| Benchmark | Params | Mode | Threads | Score | ± | Unit |\n");
            md.append("|---|---|---|---:|---:|---:|---|\n");
            for (Result r : ofClass) {
                md.append("| ").append(Baselines.isBaseline(r, impl) ? r.name : "**" + r.name + "**")
                        .append(" | ").append(Result.paramText(r.params))
                        .append(" | ").append(r.mode).append(" | ").append(r.threads)
                        .append(" | ").append(fmt(r.score)).append(" | ").append(fmt(r.error))
                        .append(" | ").append(r.unit).append(" |\n");
            }
            md.append("\n**Bold**: pyconcurrent; the others are baselines.\n");
            List<Baselines.Pair> pairs = Baselines.pairs(ofClass);
            if (!pairs.isEmpty()) {
                String file = cls + "-ratio.png";
                drawRatios(out.resolve(file), cls, pairs, impl);
                md.append("\n![").append(cls).append(" relative speed](").append(file).append(")\n\n");
                md.append("| pyconcurrent | Params | Baseline | Relative speed |\n|---|---|---|---:|\n");
                for (Baselines.Pair p : pairs) {
                    md.append("| ").append(p.subject.name).append(" | ").append(Result.paramText(p.subject.params))
                            .append(" | ").append(p.baselineLabel).append(" | ")
                            .append(String.format(Locale.ROOT, p.relativeSpeed < 0.1 ? "%.3f" : "%.2f",
                                    p.relativeSpeed)).append(" |\n");
                }
            }
        }

        /** Scores of one mode and unit: x = benchmark (+ params), colour = implementation. */
        private void drawScores(Path file, String cls, List<Result> group, String impl) throws IOException {
            Result first = group.get(0);
            Set<String> cats = new LinkedHashSet<>();
            Set<String> names = new LinkedHashSet<>();
            for (Result r : group) {
                cats.add(category(r, impl));
                names.add(seriesOf(r, impl));
            }
            List<String> categories = new ArrayList<>(cats);
            Map<String, Charts.Series> series = Charts.seriesMap();
            for (String n : names) {
                double[] v = new double[categories.size()];
                double[] err = new double[categories.size()];
                Arrays.fill(v, Double.NaN);
                for (Result r : group) {
                    if (seriesOf(r, impl).equals(n)) {
                        int i = categories.indexOf(category(r, impl));
                        v[i] = r.score;
                        err[i] = r.error;
                    }
                }
                series.put(n, new Charts.Series(v, err));
            }
            Charts.bars(file, cls + ": " + first.modeText(), labels.line(), first.unit, categories, series,
                    impl == null);
            System.out.println("wrote " + file);
        }

        /** Relative speed: x = pyconcurrent benchmark, colour = baseline. */
        private void drawRatios(Path file, String cls, List<Baselines.Pair> pairs, String impl) throws IOException {
            Set<String> cats = new LinkedHashSet<>();
            Set<String> names = new LinkedHashSet<>();
            for (Baselines.Pair p : pairs) {
                cats.add(category(p.subject, impl));
                names.add(p.baselineLabel);
            }
            List<String> categories = new ArrayList<>(cats);
            Map<String, Charts.Series> series = Charts.seriesMap();
            for (String n : names) {
                double[] v = new double[categories.size()];
                Arrays.fill(v, Double.NaN);
                for (Baselines.Pair p : pairs) {
                    if (p.baselineLabel.equals(n)) {
                        v[categories.indexOf(category(p.subject, impl))] = p.relativeSpeed;
                    }
                }
                series.put("vs " + n, new Charts.Series(v, null));
            }
            Charts.bars(file, cls + ": pyconcurrent speed vs baselines (higher is better)",
                    labels.line(), "relative speed (x, 1 = as fast as the baseline)", categories, series, false);
            System.out.println("wrote " + file);
        }

        /** CPython seconds per workload, and Java's speed-up where a workload names a JMH result. */
        private void writePython() throws IOException {
            md.append("\n## CPython\n\n");
            md.append("| Workload | CPython (s) | Java (s) | Java speed-up (x) |\n|---|---:|---:|---:|\n");
            List<String> categories = new ArrayList<>(python.keySet());
            double[] py = new double[categories.size()];
            List<String> matched = new ArrayList<>();
            List<Double> speedUps = new ArrayList<>();
            for (int i = 0; i < categories.size(); i++) {
                String w = categories.get(i);
                py[i] = python.get(w);
                Result r = find(w);
                double java = r == null ? Double.NaN : r.nanosPerOp() / 1e9;
                md.append("| ").append(w).append(" | ").append(fmt(py[i])).append(" | ").append(fmt(java))
                        .append(" | ");
                if (Double.isFinite(java) && java > 0) {
                    matched.add(w);
                    speedUps.add(py[i] / java);
                    md.append(String.format(Locale.ROOT, "%.2f", py[i] / java));
                }
                md.append(" |\n");
            }
            Map<String, Charts.Series> series = Charts.seriesMap();
            series.put("CPython", new Charts.Series(py, null));
            Path file = out.resolve("python.png");
            Charts.bars(file, "CPython: seconds per workload (lower is better)", labels.line(), "seconds",
                    categories, series, false);
            md.append("\n![CPython](python.png)\n");
            System.out.println("wrote " + file);
            if (!matched.isEmpty()) {
                Map<String, Charts.Series> ratio = Charts.seriesMap();
                ratio.put("Java speed-up over CPython", new Charts.Series(
                        speedUps.stream().mapToDouble(Double::doubleValue).toArray(), null));
                Path vs = out.resolve("python-vs-java.png");
                Charts.bars(vs, "Java (JMH) speed vs CPython, same workload (higher is better)",
                        labels.line(), "speed-up (x, 1 = as fast as CPython)", matched, ratio, false);
                md.append("\n![Java vs CPython](python-vs-java.png)\n");
                System.out.println("wrote " + vs);
            }
        }

        private Result find(String workload) {
            for (Result r : results) {
                if (r.key().equals(workload)) {
                    return r;
                }
            }
            return null;
        }

        private static String category(Result r, String impl) {
            Map<String, String> shown = new LinkedHashMap<>(r.params);
            if (impl != null) {
                shown.remove(impl);
            }
            return shown.isEmpty() ? r.name : r.name + " [" + Result.paramText(shown) + "]";
        }

        private static String seriesOf(Result r, String impl) {
            if (impl != null) {
                return r.params.getOrDefault(impl, "pyconcurrent");
            }
            return Baselines.isBaseline(r, null) ? "baseline (JDK)" : "pyconcurrent";
        }

        private static String slug(String unit) {
            return unit.replace("/", "-per-").chars().filter(c -> Character.isLetterOrDigit(c) || c == '-')
                    .mapToObj(c -> String.valueOf((char) c)).collect(Collectors.joining());
        }

        private static String fmt(double v) {
            if (!Double.isFinite(v)) {
                return "";
            }
            double a = Math.abs(v);
            if (a >= 100) {
                return String.format(Locale.ROOT, "%,.0f", v);
            }
            if (a >= 1) {
                return String.format(Locale.ROOT, "%.2f", v);
            }
            return String.format(Locale.ROOT, "%.3g", v);
        }
    }
}
