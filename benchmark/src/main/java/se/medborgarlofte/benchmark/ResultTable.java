package se.medborgarlofte.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** Prints the table and writes it to {@link Config#resultsFile()} (Markdown). */
    static void print(Config config, List<Row> rows, Map<String, String> notes, Duration elapsed) {
        String table = render(config, rows, notes, elapsed);
        System.out.println();
        System.out.print(table);
        try {
            Path file = Path.of(config.resultsFile());
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, table);
            System.out.println("(also written to " + file.toAbsolutePath().normalize() + ")");
        } catch (IOException e) {
            System.err.println("Could not write " + config.resultsFile() + ": " + e);
        }
    }

    static String render(Config config, List<Row> rows, Map<String, String> notes, Duration elapsed) {
        Runtime runtime = Runtime.getRuntime();
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "Event store benchmark, profile %s — %d cores, load average %s "
                                               + "(1/5/15 min) at the end, Java %s, max heap %d MB, one run, "
                                               + "total %d min %02d s%n%n", config.profile(),
                runtime.availableProcessors(), Measure.loadAverage(), System.getProperty("java.version"),
                runtime.maxMemory() >> 20, elapsed.toMinutes(), elapsed.toSecondsPart()));
        text.append("Embedded MongoDB (mongo-java-server) in the same JVM, fresh per part, real MongoDB driver: in "
                    + "memory for parts 1, 2, 4 and 6 (and LM); file-backed (the local run's backend) for LMF, part 3 "
                    + (config.replayFileBacked() ? "" : "(here: in memory) ") + "and part 5 (durable).\n\n");
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
            text.append(out).append('\n');
            if (r == 0) {
                text.append("|").append(Arrays.stream(widths).mapToObj(w -> "-".repeat(w + 2))
                        .collect(Collectors.joining("|"))).append("|\n");
            }
        }
        text.append("\nLimits: L1/L8 = raw insertOne rate with 1/8 threads, LM = raw insertMany rate, "
                    + "LL = raw insertOne latency (p50 against p50, p99 against p99), in memory; LMF = raw insertMany "
                    + "on the file-backed embedded server; D1/D8 = durable insertOne (j: true: insert and sync) on the "
                    + "file-backed embedded server, 1/8 threads.\n");
        notes.forEach((key, value) -> text.append("- ").append(key).append(": ").append(value).append('\n'));
        text.append("- settings: ").append(config).append('\n');
        return text.toString();
    }
}
