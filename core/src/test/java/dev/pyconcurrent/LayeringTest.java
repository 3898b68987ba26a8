package dev.pyconcurrent;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The package layering of {@code docs/ARCHITECTURE.md}, read from the compiled classes with {@code jdeps}.
 *
 * <p>Rule: a package and its own {@code .internal} (with that one's sub-packages) are one subsystem;
 * {@code dev.pyconcurrent.internal} is a subsystem of its own, the bottom one. Edges to a class whose name
 * ends in {@code Exception}, and edges into the root package {@code dev.pyconcurrent} ({@code Held}, the
 * shared exceptions; {@code Pools} is on top and used by nobody), do not count. Subsystems form no cycle
 * and no subsystem uses one of a higher layer. Inside {@code multiprocessing.internal} the sub-packages keep
 * their own order: {@code codec} (and {@code connection}) &lt; {@code shm} &lt; {@code launch} &lt;
 * {@code pool}, {@code broker}; a sub-package uses only sub-packages of a lower rank.
 */
class LayeringTest {
    private static final String ROOT = "dev.pyconcurrent";
    private static final String BOTTOM = ROOT + ".internal";
    private static final String ENGINE = ROOT + ".multiprocessing.internal.";

    /** Layer of each subsystem, bottom = 0; a subsystem may use its own layer or lower ones. */
    private static final Map<String, Integer> LAYERS = Map.of(
            BOTTOM, 0,
            ROOT + ".function", 1,
            ROOT + ".threading", 2,
            ROOT + ".queue", 2,
            ROOT + ".multiprocessing", 3,
            ROOT + ".multiprocessing.connection", 3,
            ROOT + ".multiprocessing.sharedmemory", 3,
            ROOT + ".futures", 4,
            ROOT, 5);

    /** Rank of each sub-package of {@code multiprocessing.internal}; one may use only lower ranks. */
    private static final Map<String, Integer> ENGINE_ORDER = Map.of(
            "codec", 0,
            "connection", 0,
            "shm", 1,
            "launch", 2,
            "pool", 3,
            "broker", 3);

    /** Known exceptions to the rules above, as "from -> to" class names; none today. */
    private static final Set<String> ALLOWED_EDGES = Set.of();

    private static final Pattern EDGE = Pattern.compile("^\\s+(\\S+)\\s+->\\s+(\\S+)\\s+.*$");

    /** Every class jdeps analysed. */
    private static final Set<String> analysed = new TreeSet<>();
    /** Counted edges between classes of the library, "from -> to", in jdeps' order. */
    private static final List<String[]> edges = new ArrayList<>();
    private static Path classes;

    @BeforeAll
    static void runJdeps() throws URISyntaxException {
        classes = Path.of(Held.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ToolProvider jdeps = ToolProvider.findFirst("jdeps")
                .orElseThrow(() -> new AssertionError("this JDK has no jdeps tool"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = jdeps.run(new PrintWriter(out, true), new PrintWriter(err, true),
                "--multi-release", "17", "--module-path", slf4jApiJar(),
                "-verbose:class", "-filter:none", classes.toString());
        assertThat(rc).as("jdeps failed: %s", err).isZero();
        for (String line : out.toString().split("\\R")) {
            Matcher m = EDGE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String from = m.group(1);
            String to = m.group(2);
            analysed.add(from);
            if (counts(from, to) && !ALLOWED_EDGES.contains(from + " -> " + to)) {
                edges.add(new String[] {from, to});
            }
        }
    }

    /** The slf4j-api jar on the test's class path (core's module descriptor requires org.slf4j). */
    private static String slf4jApiJar() throws URISyntaxException {
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName() == null ? "" : Path.of(entry).getFileName().toString();
            if (name.startsWith("slf4j-api") && name.endsWith(".jar")) {
                return entry;
            }
        }
        // a class path hidden in a manifest-only jar: where the running slf4j came from
        return Path.of(org.slf4j.Logger.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static boolean counts(String from, String to) {
        return from.startsWith(ROOT + ".") && to.startsWith(ROOT + ".")
                && !to.endsWith("Exception")
                && !packageOf(to).equals(ROOT);
    }

    static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }

    /** A package's subsystem: {@code X.internal} and its sub-packages count as {@code X}. */
    static String subsystem(String pkg) {
        if (pkg.equals(BOTTOM) || pkg.startsWith(BOTTOM + ".")) {
            return BOTTOM;
        }
        int i = pkg.indexOf(".internal");
        while (i >= 0) {
            int end = i + ".internal".length();
            if (end == pkg.length() || pkg.charAt(end) == '.') {
                return pkg.substring(0, i);
            }
            i = pkg.indexOf(".internal", end);
        }
        return pkg;
    }

    /** The subsystem graph: from -> to -> the class edges that make that arrow. */
    private static Map<String, Map<String, List<String>>> subsystemGraph() {
        Map<String, Map<String, List<String>>> g = new TreeMap<>();
        for (String[] e : edges) {
            String a = subsystem(packageOf(e[0]));
            String b = subsystem(packageOf(e[1]));
            if (!a.equals(b)) {
                g.computeIfAbsent(a, k -> new TreeMap<>()).computeIfAbsent(b, k -> new ArrayList<>())
                        .add(e[0] + " -> " + e[1]);
            }
        }
        return g;
    }

    /**
     * A cycle of the graph, if it has one: the nodes in order, the first repeated at the end.
     */
    static <V> Optional<List<V>> findCycle(Map<V, ? extends Map<V, ?>> graph) {
        Set<V> done = new LinkedHashSet<>();
        for (V start : graph.keySet()) {
            List<V> path = new ArrayList<>();
            Optional<List<V>> c = visit(start, graph, path, new LinkedHashSet<>(), done);
            if (c.isPresent()) {
                return c;
            }
        }
        return Optional.empty();
    }

    private static <V> Optional<List<V>> visit(V v, Map<V, ? extends Map<V, ?>> graph, List<V> path, Set<V> onPath,
                                               Set<V> done) {
        if (onPath.contains(v)) {
            List<V> cycle = new ArrayList<>(path.subList(path.indexOf(v), path.size()));
            cycle.add(v);
            return Optional.of(cycle);
        }
        if (done.contains(v)) {
            return Optional.empty();
        }
        path.add(v);
        onPath.add(v);
        Map<V, ?> next = graph.get(v);
        for (V w : next == null ? Set.<V>of() : next.keySet()) {
            Optional<List<V>> c = visit(w, graph, path, onPath, done);
            if (c.isPresent()) {
                return c;
            }
        }
        path.remove(path.size() - 1);
        onPath.remove(v);
        done.add(v);
        return Optional.empty();
    }

    @Test
    void jdepsAnalysedEveryClassOfTheLibrary() throws IOException {
        // Not Python behaviour: the check below reads the whole library, so an empty jdeps answer cannot pass it
        Set<String> compiled;
        try (Stream<Path> files = Files.walk(classes)) {
            compiled = files.map(p -> classes.relativize(p).toString())
                    .filter(p -> p.endsWith(".class") && !p.startsWith("META-INF")
                            && !p.endsWith("module-info.class") && !p.endsWith("package-info.class"))
                    .map(p -> p.substring(0, p.length() - ".class".length()).replace(File.separatorChar, '.'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(compiled).isNotEmpty();
        assertThat(analysed).containsAll(compiled);
        assertThat(edges).anySatisfy(e -> assertThat(e).containsExactly(
                ROOT + ".futures.ProcessPoolExecutor", ROOT + ".futures.internal.ProcessFutures"));
    }

    @Test
    void subsystemsFormNoCycle() {
        // Not Python behaviour: packages are layered one way (docs/ARCHITECTURE.md, "The dependency rule")
        Map<String, Map<String, List<String>>> g = subsystemGraph();
        Optional<List<String>> cycle = findCycle(g);
        assertThat(cycle).as("a package cycle: %s", cycle.map(c -> describe(c, g)).orElse("")).isEmpty();
    }

    @Test
    void noSubsystemUsesAHigherLayer() {
        // Not Python behaviour: internal < function < threading, queue < multiprocessing < futures < Pools
        Map<String, Map<String, List<String>>> g = subsystemGraph();
        Set<String> all = new TreeSet<>();
        g.forEach((a, tos) -> {
            all.add(a);
            all.addAll(tos.keySet());
        });
        assertThat(LAYERS.keySet()).as("every package has a layer here and in docs/ARCHITECTURE.md").containsAll(all);
        List<String> upward = new ArrayList<>();
        g.forEach((a, tos) -> tos.forEach((b, why) -> {
            if (LAYERS.get(b) > LAYERS.get(a)) {
                upward.add(a + " -> " + b + " (" + why.get(0) + ")");
            }
        }));
        assertThat(upward).as("edges to a higher layer").isEmpty();
    }

    @Test
    void engineSubPackagesKeepTheirOrder() {
        // Not Python behaviour: codec < shm < launch < {pool, broker}; pool and broker do not use each other
        List<String> wrong = new ArrayList<>();
        Set<String> unknown = new TreeSet<>();
        for (String[] e : edges) {
            if (!e[0].startsWith(ENGINE) || !e[1].startsWith(ENGINE)) {
                continue;
            }
            String a = e[0].substring(ENGINE.length()).split("\\.")[0];
            String b = e[1].substring(ENGINE.length()).split("\\.")[0];
            if (a.equals(b)) {
                continue;
            }
            if (!ENGINE_ORDER.containsKey(a) || !ENGINE_ORDER.containsKey(b)) {
                unknown.add(ENGINE_ORDER.containsKey(a) ? b : a);
                continue;
            }
            if (ENGINE_ORDER.get(b) >= ENGINE_ORDER.get(a)) {
                wrong.add(a + " -> " + b + ": " + e[0] + " -> " + e[1]);
            }
        }
        assertThat(unknown).as("sub-packages of multiprocessing.internal without a rank").isEmpty();
        assertThat(wrong).as("edges against the order of multiprocessing.internal").isEmpty();
    }

    @Test
    void aCycleIsFoundAndNamed() {
        // Not Python behaviour: the cycle search itself, on a made-up graph
        Map<String, Map<String, Boolean>> g = new LinkedHashMap<>();
        g.put("a", Map.of("b", true));
        g.put("b", Map.of("c", true));
        g.put("c", Map.of("d", true));
        g.put("d", Map.of());
        assertThat(findCycle(g)).isEmpty();
        g.put("d", Map.of("b", true));
        assertThat(findCycle(g)).contains(List.of("b", "c", "d", "b"));
        assertThat(subsystem(ROOT + ".multiprocessing.internal.pool")).isEqualTo(ROOT + ".multiprocessing");
        assertThat(subsystem(ROOT + ".futures.internal")).isEqualTo(ROOT + ".futures");
        assertThat(subsystem(BOTTOM)).isEqualTo(BOTTOM);
        assertThat(subsystem(ROOT + ".multiprocessing.connection")).isEqualTo(ROOT + ".multiprocessing.connection");
    }

    /** The cycle's packages, each step with one class edge that makes it. */
    private static String describe(List<String> cycle, Map<String, Map<String, List<String>>> g) {
        StringBuilder s = new StringBuilder(String.join(" -> ", cycle));
        for (int i = 0; i + 1 < cycle.size(); i++) {
            s.append("\n  ").append(g.get(cycle.get(i)).get(cycle.get(i + 1)).get(0));
        }
        return s.toString();
    }
}
