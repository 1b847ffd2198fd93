package se.medborgarlofte.web.page;

/**
 * A progress bar as drawn in SVG (widths in percent of the track) with the words that say the same thing, so the
 * bar itself can be hidden from screen readers. {@code expectedPercent} marks where the plan says one should be.
 */
public record Bar(int percent, Integer expectedPercent, String text) {

    public static Bar of(int done, int target, Double expected, String text) {
        int percent = target <= 0 ? 0 : (int) Math.min(100, Math.round(100.0 * done / target));
        Integer expectedPercent = expected == null || target <= 0 ? null
                : (int) Math.min(100, Math.round(100.0 * expected / target));
        return new Bar(percent, expectedPercent, text);
    }

    /** Where the expected mark (1.2 wide) starts on the 0–100 track, kept inside it. */
    public double markerX() {
        return expectedPercent == null ? 0 : Math.min(98.8, expectedPercent);
    }
}
