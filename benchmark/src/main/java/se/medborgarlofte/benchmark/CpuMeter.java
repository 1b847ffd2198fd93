package se.medborgarlofte.benchmark;

import java.util.Locale;

import static se.medborgarlofte.benchmark.Measure.*;

/** The machine's busy CPU time (/proc/stat) minus this JVM's own, over a part. */
record CpuMeter(long machineBusyJiffies, long ownNanos, long wallNanos) {

    static CpuMeter start() {
        return new CpuMeter(busyJiffies(), ownCpuNanos(), System.nanoTime());
    }

    String othersPercent() {
        long machine = busyJiffies();
        if (machine < 0 || machineBusyJiffies < 0) {
            return "n/a";
        }
        double machineNanos = (machine - machineBusyJiffies) * 10_000_000.0; // USER_HZ = 100
        double others = machineNanos - (ownCpuNanos() - ownNanos);
        double capacity = (System.nanoTime() - wallNanos) * (double) Runtime.getRuntime().availableProcessors();
        return String.format(Locale.ROOT, "%.0f %%", Math.max(0, 100 * others / capacity));
    }

    private static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long busyJiffies() {
        try {
            long[] times = cpuTimes();
            return times[0] - times[1];
        } catch (Exception e) {
            return -1;
        }
    }
}
