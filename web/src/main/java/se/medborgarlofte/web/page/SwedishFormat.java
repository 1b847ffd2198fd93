package se.medborgarlofte.web.page;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Dates and numbers as Swedish readers write them: "5 juni 2024", "juni 2024", "5,5". */
public final class SwedishFormat {

    public static final Locale SWEDISH = Locale.forLanguageTag("sv-SE");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", SWEDISH);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", SWEDISH);
    private static final DateTimeFormatter SHORT_MONTH = DateTimeFormatter.ofPattern("MMM", SWEDISH);

    private SwedishFormat() {
    }

    public static String date(LocalDate date) {
        return date == null ? "" : DATE.format(date);
    }

    public static String period(LocalDate from, LocalDate to) {
        return date(from) + " – " + date(to);
    }

    public static String month(YearMonth month) {
        return MONTH.format(month);
    }

    /** "jan", "feb", ...: without the dot some JDKs add. */
    public static String shortMonth(YearMonth month) {
        return SHORT_MONTH.format(month).replace(".", "");
    }

    /** One decimal at most, with a decimal comma: 5.5 becomes "5,5", 6.0 becomes "6". */
    public static String number(double value) {
        double rounded = Math.round(value * 10) / 10.0;
        return rounded == Math.rint(rounded) ? Long.toString((long) rounded)
                : Double.toString(rounded).replace('.', ',');
    }

    public static String capitalized(String text) {
        return text == null || text.isEmpty() ? "" : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
