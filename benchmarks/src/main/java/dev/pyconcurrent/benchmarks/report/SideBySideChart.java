package dev.pyconcurrent.benchmarks.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws the speed ratios (CPython time / JVM time, above 1: pyconcurrent is faster) of side-by-side
 * runs ({@code benchmarks/python/side_by_side.sh}, one JSON per JDK) as one bar chart, a series per JDK.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.pyconcurrent.benchmarks.report.SideBySideChart
 * OUT.png LABEL=FILE.json [LABEL=FILE.json ...]}.
 */
public final class SideBySideChart {
    private SideBySideChart() {
    }

    /** Short bar labels of the rows, in the order they are drawn. */
    private static final Map<String, String> LABELS = new LinkedHashMap<>();

    static {
        LABELS.put("apply_int", "apply, int arg");
        LABELS.put("apply_const", "apply, best case");
        LABELS.put("apply_str1k", "apply, 1 KB String arg");
        LABELS.put("apply_record", "apply, record arg");
        LABELS.put("result_1k", "apply, 1 KB result");
        LABELS.put("result_1m", "apply, 1 MB result");
        LABELS.put("apply_async_10k", "10k applyAsync");
        LABELS.put("map_int_100k", "map 100k Integers");
        LABELS.put("map_str_100k", "map 100k Strings");
        LABELS.put("imap_int_100k", "imap 100k");
        LABELS.put("submit_10k", "10k submit");
        LABELS.put("queue_stream_int", "Queue stream");
        LABELS.put("queue_stream_1k", "Queue stream 1 KB");
        LABELS.put("queue_rt", "Queue round trip");
        LABELS.put("pipe_stream_int", "Pipe stream");
        LABELS.put("pipe_stream_1k", "Pipe stream 1 KB");
        LABELS.put("pipe_rt", "Pipe round trip");
        LABELS.put("cold_pool", "cold Pool(2) vs spawn");
        LABELS.put("cold_process", "cold Process vs spawn");
        LABELS.put("second_pool", "second Pool(2) vs spawn");
    }

    /**
     * @param args the output PNG, then {@code label=file.json} per run
     * @throws IOException if a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        if (args.length < 2) {
            System.err.println("usage: SideBySideChart OUT.png LABEL=FILE.json [LABEL=FILE.json ...]");
            System.exit(2);
        }
        Map<String, Map<String, Double>> ratios = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected LABEL=FILE.json, got " + args[i]);
            }
            JsonObject run = JsonParser.parseString(Files.readString(Paths.get(args[i].substring(eq + 1)),
                    StandardCharsets.UTF_8)).getAsJsonObject();
            Map<String, Double> byRow = new LinkedHashMap<>();
            for (JsonElement e : run.getAsJsonArray("rows")) {
                JsonObject row = e.getAsJsonObject();
                JsonElement ratio = row.get("speed_ratio");
                if (ratio != null && !ratio.isJsonNull()) {
                    byRow.put(row.get("row").getAsString(), ratio.getAsDouble());
                }
            }
            ratios.put(args[i].substring(0, eq), byRow);
        }
        List<String> rows = new ArrayList<>();
        for (String row : LABELS.keySet()) {
            if (ratios.values().stream().anyMatch(m -> m.containsKey(row))) {
                rows.add(row);
            }
        }
        List<String> categories = rows.stream().map(LABELS::get).toList();
        Map<String, Charts.Series> series = new LinkedHashMap<>();
        ratios.forEach((label, byRow) -> {
            double[] values = rows.stream().mapToDouble(r -> byRow.getOrDefault(r, Double.NaN)).toArray();
            series.put(label, new Charts.Series(values, null));
        });
        Charts.bars(Paths.get(args[0]), "pyconcurrent vs CPython 3.11, process side (above 1: pyconcurrent faster)",
                "workload", "speed: CPython time / pyconcurrent time", categories, series, false);
        System.out.println("wrote " + Path.of(args[0]).toAbsolutePath());
    }
}
