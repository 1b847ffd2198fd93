package se.medborgarlofte.web.page;

/**
 * A pace status as a reader meets it: a word (never only a colour) and a shape. {@code code} is the API's code or
 * NONE; {@code word} its Swedish label with a capital letter.
 */
public record StatusView(String code, String word) {

    public static StatusView of(String code, String label) {
        return new StatusView(code == null ? "NONE" : code, SwedishFormat.capitalized(label));
    }

    /** CSS class of the badge: status-behind, status-on-track, ... */
    public String cssClass() {
        return "status-" + code.toLowerCase().replace('_', '-');
    }
}
