package se.medborgarlofte.events;

import java.util.Locale;
import java.util.ResourceBundle;

/**
 * Swedish words for the codes of the published language, read from the one bundle
 * {@code se/medborgarlofte/events/labels.properties}. Null codes read as an empty string.
 */
public final class CodeLabels {

    /** The bundle's base name, for readers that load it themselves (a Spring MessageSource, for instance). */
    public static final String BUNDLE = "se.medborgarlofte.events.labels";

    private static final ResourceBundle LABELS = ResourceBundle.getBundle(BUNDLE, Locale.ROOT);

    private CodeLabels() {
    }

    public static String kind(ActivityKind kind) {
        return kind == null ? "" : LABELS.getString("kind." + kind.name());
    }

    /** Short, as an answer to "who?": Polisen, Kommunen, Tillsammans. */
    public static String owner(Party party) {
        return party == null ? "" : LABELS.getString("owner." + party.name());
    }

    /** Inside a sentence: Polisen, Kommunen, Polisen och kommunen tillsammans. */
    public static String party(Party party) {
        return party == null ? "" : LABELS.getString("party." + party.name());
    }

    /** Lower case, inside a sentence: "efter plan". */
    public static String status(PaceStatus status) {
        return status == null ? "" : LABELS.getString("status." + status.name());
    }

    /** Lower case: what a commitment without target and without assessment reads as ("inte bedömt"). */
    public static String noStatus() {
        return LABELS.getString("status.NONE");
    }

    public static String shape(CommitmentShape shape) {
        return shape == null ? "" : LABELS.getString("shape." + shape.name());
    }

    public static String every(Cadence.Every every) {
        return every == null ? "" : LABELS.getString("every." + every.name());
    }

    public static String targetSource(TargetSource source) {
        return source == null ? "" : LABELS.getString("targetSource." + source.name());
    }

    /** The Swedish name of an outcome measure; an undeclared key (from an old record) reads as itself. */
    public static String outcome(String key) {
        return LABELS.containsKey("outcome." + key) ? LABELS.getString("outcome." + key) : key;
    }

    public static String outcomeUnit(String key) {
        return LABELS.containsKey("outcomeUnit." + key) ? LABELS.getString("outcomeUnit." + key) : "";
    }

    /** A finding's category: Belysning, Nedskräpning, ... */
    public static String category(FindingCategory category) {
        return category == null ? "" : LABELS.getString("category." + category.name());
    }

    /** Who is responsible for a finding or a measure; {@code name} for another party. */
    public static String responsible(Responsible responsible, String name) {
        if (responsible == Responsible.OTHER && name != null && !name.isBlank()) {
            return name;
        }
        return responsible == null ? "" : LABELS.getString("responsible." + responsible.name());
    }

    /** Lower case, inside a sentence: "åtgärdat". */
    public static String findingStatus(FindingStatus status) {
        return status == null ? "" : LABELS.getString("finding." + status.name());
    }
}
