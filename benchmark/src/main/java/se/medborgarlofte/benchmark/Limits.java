package se.medborgarlofte.benchmark;

/**
 * The raw driver limits of part 1, the denominators of the ratios; {@code insertManyFile} is insertMany on the
 * file-backed server of the local run (LMF), the limit of the replay when it runs there.
 */
record Limits(double insertOne1, double insertOne8, double insertMany, double insertOneP50,
              double insertOneP99, double insertManyFile) {
}
