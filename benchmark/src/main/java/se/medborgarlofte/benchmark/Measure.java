package se.medborgarlofte.benchmark;

import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/** Timing, formatting and machine-load helpers shared by the benchmark parts. */
final class Measure {

    private Measure() {
    }

    /** Runs {@code body(thread)} on {@code threads} threads at once; returns the elapsed nanos. */
    static long runThreads(int threads, int seconds, IntConsumer body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    body.accept(thread);
                    return null;
                }));
            }
            ready.await();
            long start = System.nanoTime();
            go.countDown();
            for (Future<?> future : futures) {
                future.get(seconds + 120L, TimeUnit.SECONDS);
            }
            return System.nanoTime() - start;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Deletes a temporary folder and everything in it. */
    static void delete(java.nio.file.Path folder) throws java.io.IOException {
        try (java.util.stream.Stream<java.nio.file.Path> paths = java.nio.file.Files.walk(folder)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    static void waitUntil(java.util.function.BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("condition not met within " + seconds + " s");
            }
            Thread.sleep(20);
        }
    }

    static void progress(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[%tT] " + format + "%n", prepend(new java.util.Date(), args));
        System.out.flush();
    }

    static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    static String rate(double value, String unit) {
        return String.format(Locale.ROOT, "%,.0f %s", value, unit);
    }

    static String millis(double value) {
        return String.format(Locale.ROOT, value < 10 ? "%.2f ms" : "%.1f ms", value);
    }

    static String ratio(double value, Double limit) {
        if (limit == null || limit == 0) {
            return "n/a";
        }
        double ratio = value / limit;
        return String.format(Locale.ROOT, ratio < 0.1 ? "%.3f" : ratio < 10 ? "%.2f" : "%.0f", ratio);
    }

    static int bsonSize(Document document) {
        return new RawBsonDocument(document, new DocumentCodec()).getByteBuffer().remaining();
    }

    static String loadAverage() {
        try {
            String[] fields = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (Exception e) {
            return "n/a";
        }
    }

    /** Share of all cores busy (any process) over one second, from /proc/stat. */
    static String cpuBusyPercent() {
        try {
            long[] a = cpuTimes();
            Thread.sleep(1000);
            long[] b = cpuTimes();
            double total = b[0] - a[0];
            return total <= 0 ? "n/a" : String.format(Locale.ROOT, "%.0f", 100 * (1 - (b[1] - a[1]) / total));
        } catch (Exception e) {
            return "n/a";
        }
    }

    /** {total, idle + iowait} jiffies of all cores. */
    static long[] cpuTimes() throws java.io.IOException {
        String[] fields = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < Math.min(fields.length, 9); i++) {
            total += Long.parseLong(fields[i]);
        }
        return new long[]{total, Long.parseLong(fields[4]) + Long.parseLong(fields[5])};
    }
}
