package dev.pyconcurrent.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles every {@code ```java} block of the project's README.md, and of the Markdown files under
 * docs/, against this module's class path (core, cluster, Hazelcast), so no snippet there can rot.
 *
 * <p>The convention, for whoever edits the README:
 * <ul>
 *   <li>A block that declares a top-level type (a line starting with {@code class}, {@code public class},
 *       {@code record}, {@code interface} or {@code enum}, possibly {@code final}) is a whole file and is
 *       compiled as it stands.</li>
 *   <li>Any other block is a fragment: its leading {@code import} lines stay imports, the rest becomes
 *       the body of a {@code void} method (declaring no checked exception) of a class that also
 *       imports {@code java.util.*} and {@code java.time.Duration}.</li>
 *   <li>What a fragment uses but does not declare (an input list, a configuration) is given in an HTML
 *       comment right before the block, invisible on the rendered page:
 *       {@code <!-- given: List<Integer> numbers = List.of(); -->}. Its text becomes members of the
 *       wrapping class; {@code import} lines in it become imports.</li>
 * </ul>
 */
class ReadmeSnippetsTest {

    /** A ```java block: its file, the line of its fence, and the "given" comment before it, if any. */
    record Block(String file, int line, String code, String given) {
    }

    @TempDir
    Path out;

    private static final Pattern FENCE = Pattern.compile("^```java\\s*$");
    private static final Pattern GIVEN = Pattern.compile("^<!--\\s*given:(.*?)-->\\s*$", Pattern.DOTALL);
    private static final Pattern TOP_LEVEL_TYPE = Pattern.compile(
            "^(public\\s+)?(final\\s+|abstract\\s+)?(class|record|interface|enum)\\s+(\\w+)", Pattern.MULTILINE);

    static Path projectRoot() {
        Path dir = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("README.md")) && Files.isDirectory(d.resolve("examples"))) {
                return d;
            }
        }
        throw new IllegalStateException("no README.md above " + dir);
    }

    /** README.md, then every Markdown file under docs/, in a stable order. */
    static List<Path> markdownFiles() throws IOException {
        Path root = projectRoot();
        List<Path> files = new ArrayList<>(List.of(root.resolve("README.md")));
        try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
            docs.filter(f -> f.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        return files;
    }

    static List<Block> blocks(Path file) throws IOException {
        return blocks(projectRoot().relativize(file).toString(), Files.readAllLines(file));
    }

    static List<Block> blocks(String file, List<String> lines) {
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!FENCE.matcher(lines.get(i)).matches()) {
                continue;
            }
            int fence = i;
            StringBuilder code = new StringBuilder();
            for (i++; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
                code.append(lines.get(i)).append('\n');
            }
            String given = "";
            int end = fence - 1;
            if (end >= 0 && lines.get(end).strip().endsWith("-->")) {
                int start = end;
                while (start > 0 && !lines.get(start).strip().startsWith("<!--")) {
                    start--;
                }
                Matcher m = GIVEN.matcher(String.join("\n", lines.subList(start, end + 1)).strip());
                if (m.matches()) {
                    given = m.group(1);
                }
            }
            blocks.add(new Block(file, fence + 1, code.toString(), given));
        }
        return blocks;
    }

    /** The compilation unit for a block: its type name and its source. */
    static String[] unit(Block b) {
        Matcher type = TOP_LEVEL_TYPE.matcher(b.code());
        if (type.find() && b.given().isBlank()) {
            return new String[] {type.group(4), b.code()};
        }
        StringBuilder imports = new StringBuilder("import java.util.*;\nimport java.time.Duration;\n");
        StringBuilder members = new StringBuilder();
        for (String line : b.given().split("\n")) {
            (line.strip().startsWith("import ") ? imports : members).append(line).append('\n');
        }
        StringBuilder body = new StringBuilder();
        boolean leading = true;
        for (String line : b.code().split("\n", -1)) {
            if (leading && (line.startsWith("import ") || line.isBlank())) {
                imports.append(line).append('\n');
            } else {
                leading = false;
                body.append(line).append('\n');
            }
        }
        String name = "Snippet" + b.file().replaceAll("\\W", "_") + "Line" + b.line();
        String source = imports + "\nclass " + name + " {\n" + members
                + "\n    void snippet() {\n" + body + "\n    }\n}\n";
        return new String[] {name, source};
    }

    static String compile(String name, String source, Path out) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac).as("a JDK's compiler (javax.tools)").isNotNull();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + name + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            StringWriter log = new StringWriter();
            boolean ok = javac.getTask(log, files, diagnostics,
                    List.of("--release", "17", "-proc:none", "-Xlint:all,-serial,-try", "-Werror",
                            "-classpath", classPath, "-d", out.toString()),
                    null, List.of(file)).call();
            if (ok) {
                return "";
            }
            StringBuilder why = new StringBuilder(log.toString());
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                why.append("line ").append(d.getLineNumber()).append(": ").append(d.getMessage(Locale.ROOT)).append('\n');
            }
            return why + "--- as compiled ---\n" + source;
        }
    }

    @Test
    void theReadmeHasJavaBlocksOfBothKinds() throws IOException {
        // the README's Python-to-Java snippets: at least one whole file and several fragments are found
        List<Block> blocks = blocks(projectRoot().resolve("README.md"));
        assertThat(blocks).hasSizeGreaterThan(3);
        assertThat(blocks).anySatisfy(b -> assertThat(unit(b)[0]).doesNotStartWith("Snippet"));
        assertThat(blocks).anySatisfy(b -> assertThat(unit(b)[0]).startsWith("Snippet"));
        assertThat(blocks).anySatisfy(b -> assertThat(b.given()).contains("import"));
    }

    @TestFactory
    Stream<DynamicTest> everyJavaBlockOfTheDocumentationCompiles() throws IOException {
        // what the README shows a Python programmer compiles as shown (with release 17, no warnings)
        List<Block> all = new ArrayList<>();
        for (Path file : markdownFiles()) {
            all.addAll(blocks(file));
        }
        return all.stream().map(b -> DynamicTest.dynamicTest(b.file() + " line " + b.line(), () -> {
            String[] unit = unit(b);
            Path dir = Files.createDirectories(out.resolve(unit[0]));
            assertThat(compile(unit[0], unit[1], dir)).as("%s line %d", b.file(), b.line()).isEmpty();
        }));
    }
}
