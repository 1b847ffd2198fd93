package se.medborgarlofte.events;

/**
 * A reported (or summed) outcome figure with its measure's Swedish name and unit. {@code other} marks a key the
 * activity kind does not declare (from a record stored before the catalogue), which pages show under "övrigt".
 */
public record OutcomeFigure(String key, String label, String unit, int value, boolean other) {

    public static OutcomeFigure of(String key, int value, boolean declared) {
        return new OutcomeFigure(key, CodeLabels.outcome(key), CodeLabels.outcomeUnit(key), value, !declared);
    }
}
