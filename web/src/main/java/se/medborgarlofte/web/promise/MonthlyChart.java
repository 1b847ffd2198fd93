package se.medborgarlofte.web.promise;

import se.medborgarlofte.web.api.QueryViews.MonthProgress;
import se.medborgarlofte.web.page.SwedishFormat;

import java.util.ArrayList;
import java.util.List;

/**
 * A commitment's months as an inline SVG chart, with the same figures as table rows. With a target the bars are
 * the total done by the end of each month and a line shows the total the plan expects; without one the bars are
 * what was done in each month. Geometry is computed here; the template only writes the numbers out.
 */
record MonthlyChart(boolean cumulative, String description, List<Column> columns, List<Tick> ticks, String expectedLine,
                    List<Row> rows) {

    static final int WIDTH = 640;
    static final int HEIGHT = 200;
    static final int LEFT = 40;
    static final int RIGHT = 8;
    static final int TOP = 12;
    static final int BOTTOM = 28;

    /** One month's bar; {@code label} is empty on months that are not labelled (every other one in long periods). */
    record Column(double x, double y, double width, double height, double labelX, String label, String title) {
    }

    record Tick(double y, String label) {
    }

    record Row(String month, String done, String cumulative, String expected) {
    }

    static MonthlyChart of(List<MonthProgress> months, boolean withTarget, String description) {
        int max = 1;
        for (MonthProgress month : months) {
            max = Math.max(max, value(month, withTarget));
            if (withTarget && month.expectedCumulative() != null) {
                max = Math.max(max, (int) Math.ceil(month.expectedCumulative()));
            }
        }
        int top = niceCeiling(max);
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        double slot = plotWidth / Math.max(1, months.size());
        int labelEvery = months.size() > 12 ? 3 : 1;
        List<Column> columns = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < months.size(); i++) {
            MonthProgress month = months.get(i);
            int value = value(month, withTarget);
            double height = month.done() == null ? 0 : plotHeight * value / top;
            double x = LEFT + i * slot + slot * 0.2;
            String label = i % labelEvery == 0 ? SwedishFormat.shortMonth(month.month()) : "";
            columns.add(new Column(round(x), round(TOP + plotHeight - height), round(slot * 0.6), round(height),
                    round(LEFT + i * slot + slot / 2), label, SwedishFormat.month(month.month()) + ": "
                            + (month.done() == null ? "–" : value)));
            if (withTarget && month.expectedCumulative() != null) {
                double y = TOP + plotHeight - plotHeight * month.expectedCumulative() / top;
                line.append(line.isEmpty() ? "" : " ").append(round(LEFT + (i + 1) * slot)).append(',').append(round(y));
            }
            rows.add(new Row(SwedishFormat.capitalized(SwedishFormat.month(month.month())), text(month.done()),
                    text(month.cumulative()),
                    month.expectedCumulative() == null ? "" : SwedishFormat.number(month.expectedCumulative())));
        }
        if (!line.isEmpty()) {
            line.insert(0, LEFT + "," + (TOP + plotHeight) + " ");
        }
        List<Tick> ticks = List.of(new Tick(TOP + plotHeight, "0"), new Tick(round(TOP + plotHeight / 2), half(top)),
                new Tick(TOP, Integer.toString(top)));
        return new MonthlyChart(withTarget, description, columns, ticks, line.toString(), rows);
    }

    public int width() {
        return WIDTH;
    }

    public int height() {
        return HEIGHT;
    }

    public int left() {
        return LEFT;
    }

    public int baseline() {
        return HEIGHT - BOTTOM;
    }

    public int labelY() {
        return HEIGHT - 8;
    }

    private static int value(MonthProgress month, boolean cumulative) {
        Integer value = cumulative ? month.cumulative() : month.done();
        return value == null ? 0 : value;
    }

    private static String half(int top) {
        return top % 2 == 0 ? Integer.toString(top / 2) : SwedishFormat.number(top / 2.0);
    }

    /** 1, 2, 4, 5, 10, 15, 20, 25, 30, 40, 50, ... so the axis reads easily. */
    static int niceCeiling(int value) {
        if (value <= 2) {
            return 2;
        }
        if (value <= 5) {
            return value % 2 == 0 ? value : value + 1;
        }
        int step = value <= 20 ? 5 : value <= 50 ? 10 : value <= 200 ? 50 : 100;
        return (value + step - 1) / step * step;
    }

    private static String text(Integer value) {
        return value == null ? "–" : value.toString();
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
