package se.medborgarlofte.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The results as a Markdown table, with the limits explained and the notes of the run. */
final class ResultTable {

    private ResultTable() {
    }

    static void print(Config config, List<Row> rows, Map<String, String> notes, Duration elapsed) {
        Runtime runtime = Runtime.getRuntime();
        System.out.println();
        System.out.printf(Locale.ROOT, "Event store benchmark — %d cores, Java %s, max heap %d MB, one run, "
                                       + "total %d min %02d s%n", runtime.availableProcessors(),
                System.getProperty("java.version"), runtime.maxMemory() >> 20, elapsed.toMinutes(),
                elapsed.toSecondsPart());
        System.out.println("Embedded MongoDB (mongo-java-server) in the same JVM, fresh per part, real MongoDB driver: "
                           + "in memory for parts 1-4 and 6, file-backed and durable (the local run's backend) for part 5.");
        System.out.println();
        String[] header = {"#", "measurement", "result", "ratio to limit", "limit"};
        int[] widths = new int[header.length];
        List<String[]> cells = new ArrayList<>();
        cells.add(header);
        rows.forEach(row -> cells.add(new String[]{row.part(), row.measurement(), row.result(), row.ratio(), row.limit()}));
        for (String[] line : cells) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        for (int r = 0; r < cells.size(); r++) {
            String[] line = cells.get(r);
            StringBuilder out = new StringBuilder("|");
            for (int i = 0; i < line.length; i++) {
                boolean right = i == 2 || i == 3;
                String format = " %" + (right && r > 0 ? "" : "-") + widths[i] + "s |";
                out.append(String.format(Locale.ROOT, format, line[i]));
            }
            System.out.println(out);
            if (r == 0) {
                System.out.println("|" + Arrays.stream(widths).mapToObj(w -> "-".repeat(w + 2))
                        .collect(Collectors.joining("|")) + "|");
            }
        }
        System.out.println();
        System.out.println("Limits: L1/L8 = raw insertOne rate with 1/8 threads, LM = raw insertMany rate, "
                           + "LL = raw insertOne latency (p50 against p50, p99 against p99); D1/D8 = durable "
                           + "insertOne (j: true: insert and sync) on the file-backed embedded server, 1/8 threads.");
        notes.forEach((key, value) -> System.out.println("- " + key + ": " + value));
        System.out.println("- settings: " + config);
    }
}
