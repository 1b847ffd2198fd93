package se.medborgarlofte.benchmark;

/** The raw driver limits of part 1, the denominators of the ratios. */
record Limits(double insertOne1, double insertOne8, double insertMany, double insertOneP50,
                      double insertOneP99) {
}
