package se.medborgarlofte.benchmark;

/** One line of the results table. */
record Row(String part, String measurement, String result, String ratio, String limit) {
}
