package dev.pyconcurrent.benchmarks.report;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws the PNG bar charts with XChart. Only ever used after {@link BenchReport} has switched
 * AWT to headless mode. Stateless.
 */
final class Charts {
    /** One series of bars: a value (NaN = no bar) and an error half-width per category. */
    static final class Series {
        final double[] values;
        final double[] errors;

        Series(double[] values, double[] errors) {
            this.values = values;
            this.errors = errors;
        }
    }

    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)};

    private Charts() {
    }

    /**
     * A bar chart: categories on the x axis (labels rotated), one colour per series, error
     * bars where known, value labels on the bars.
     *
     * @param overlapped series share each category's slot (each category has a bar in one
     *                   series only: used to colour subjects and baselines differently)
     */
    static void bars(Path file, String title, String xTitle, String yTitle, List<String> categories,
                     Map<String, Series> series, boolean overlapped)
            throws IOException {
        int width = Math.max(900, Math.min(2000, 260 + 60 * categories.size() * (overlapped ? 1 : series.size())));
        int longest = categories.stream().mapToInt(String::length).max().orElse(0);
        boolean vertical = categories.size() > 3 && longest > 16;
        CategoryChart chart = new CategoryChartBuilder().width(width).height(vertical ? 760 : 640)
                .title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        CategoryStyler st = chart.getStyler();
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setPlotBorderVisible(false);
        st.setPlotGridLinesColor(new Color(0xdddddd));
        st.setPlotGridVerticalLinesVisible(false);
        st.setChartTitleBoxVisible(false);
        st.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        st.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        st.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        st.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        st.setLegendPosition(Styler.LegendPosition.OutsideS);
        st.setLegendLayout(Styler.LegendLayout.Horizontal);
        st.setLegendBorderColor(Color.WHITE);
        st.setXAxisLabelRotation(vertical ? 90 : categories.size() > 3 ? 35 : 0);
        st.setXAxisLabelAlignment(AxesChartStyler.TextAlignment.Right);
        st.setOverlapped(overlapped);
        st.setAvailableSpaceFill(overlapped ? 0.6 : 0.8);
        st.setSeriesColors(PALETTE);
        st.setErrorBarsColor(new Color(0x555555));
        st.setLabelsVisible(true);
        st.setLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        st.setLabelsPosition(0.5);
        st.setLabelsRotation(overlapped || series.size() <= 2 ? 0 : 90);
        st.setLabelsFontColorAutomaticEnabled(false);
        st.setLabelsFontColor(Color.BLACK);
        st.setDecimalPattern(pattern(series));
        st.setYAxisDecimalPattern(pattern(series));   // XChart also formats the bar labels with it
        st.setYAxisMin(0.0);
        // A wild error bar (a disturbed run) must not flatten every bar: the axis stops at
        // twice the highest score and such error bars are cut at the top.
        double top = 0;
        double topWithErrors = 0;
        for (Series s : series.values()) {
            for (int i = 0; i < s.values.length; i++) {
                if (Double.isFinite(s.values[i])) {
                    top = Math.max(top, s.values[i]);
                    double err = s.errors == null || !Double.isFinite(s.errors[i]) ? 0 : s.errors[i];
                    topWithErrors = Math.max(topWithErrors, s.values[i] + err);
                }
            }
        }
        if (top > 0 && topWithErrors > 2 * top) {
            st.setYAxisMax(2 * top);
        }
        // XChart cannot draw error bars on a series with gaps: gappy series get none, and on an
        // overlapped chart one transparent gap-free series carries all the error bars.
        List<Double> merged = new ArrayList<>();
        List<Double> mergedErrors = new ArrayList<>();
        boolean mergedComplete = true;
        boolean anyError = false;
        for (int i = 0; i < categories.size(); i++) {
            merged.add(null);
            mergedErrors.add(0.0);
        }
        for (Map.Entry<String, Series> e : series.entrySet()) {
            List<Double> ys = new ArrayList<>();
            List<Double> errs = new ArrayList<>();
            boolean gaps = false;
            boolean errors = false;
            for (int i = 0; i < categories.size(); i++) {
                double v = e.getValue().values[i];
                double err = e.getValue().errors == null ? 0.0 : e.getValue().errors[i];
                boolean known = Double.isFinite(v);
                boolean knownError = known && Double.isFinite(err) && err > 0;
                ys.add(known ? v : null);
                errs.add(knownError ? err : 0.0);
                gaps |= !known;
                errors |= knownError;
                if (known) {
                    merged.set(i, v);
                    mergedErrors.set(i, errs.get(i));
                }
            }
            anyError |= errors;
            if (errors && !gaps && !overlapped) {
                chart.addSeries(e.getKey(), categories, ys, errs);
            } else {
                chart.addSeries(e.getKey(), categories, ys);
            }
        }
        for (Double v : merged) {
            mergedComplete &= v != null;
        }
        if (overlapped && anyError && mergedComplete) {
            CategorySeries s = chart.addSeries("error bar: 99.9% interval", categories, merged, mergedErrors);
            s.setFillColor(new Color(0, 0, 0, 0));
            s.setLineColor(new Color(0, 0, 0, 0));
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }

    /** About three significant digits for the largest value on the chart. */
    private static String pattern(Map<String, Series> series) {
        double max = 0;
        for (Series s : series.values()) {
            for (double v : s.values) {
                if (Double.isFinite(v)) {
                    max = Math.max(max, Math.abs(v));
                }
            }
        }
        if (max >= 100) {
            return "#,##0";
        }
        if (max >= 10) {
            return "0.0";
        }
        return max >= 1 ? "0.00" : "0.000";
    }

    /** Convenience for building the ordered series map. */
    static Map<String, Series> seriesMap() {
        return new LinkedHashMap<>();
    }
}
