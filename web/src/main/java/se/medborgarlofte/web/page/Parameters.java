package se.medborgarlofte.web.page;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/**
 * Query parameters of the pages, read as strings and checked here, so that a wrong value gets a Swedish sentence
 * that says what was expected (never a stack trace or a 500).
 */
public final class Parameters {

    private Parameters() {
    }

    public static LocalDate date(String name, String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new BadPageRequestException("Datumet i adressen (" + name + ") ska skrivas ÅÅÅÅ-MM-DD, "
                    + "till exempel 2024-06-30.");
        }
    }

    public static YearMonth month(String name, String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return YearMonth.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new BadPageRequestException("Månaden i adressen (" + name + ") ska skrivas ÅÅÅÅ-MM, "
                    + "till exempel 2024-06.");
        }
    }

    public static Integer year(String name, String value) {
        if (blank(value)) {
            return null;
        }
        Integer year = integer(value);
        if (year == null || year < 1900 || year > 2200) {
            throw new BadPageRequestException("Året i adressen (" + name + ") ska vara ett årtal, till exempel 2024.");
        }
        return year;
    }

    public static int page(String name, String value) {
        if (blank(value)) {
            return 1;
        }
        Integer page = integer(value);
        if (page == null || page < 1) {
            throw new BadPageRequestException("Sidnumret i adressen (" + name + ") ska vara ett heltal från 1 och uppåt.");
        }
        return page;
    }

    /** One of the enum's codes, or null for none; anything else is refused. */
    public static <E extends Enum<E>> E code(String name, String value, Class<E> type) {
        if (blank(value)) {
            return null;
        }
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equals(value.strip())).findFirst()
                .orElseThrow(() -> new BadPageRequestException("Värdet för " + name + " i adressen finns inte i listan. "
                        + "Välj ett av alternativen i formuläret."));
    }

    /** Free text from a filter, at most {@code max} characters. */
    public static String text(String name, String value, int max) {
        if (blank(value)) {
            return null;
        }
        if (value.length() > max) {
            throw new BadPageRequestException("Värdet för " + name + " i adressen är för långt (högst " + max + " tecken).");
        }
        return value.strip();
    }

    private static Integer integer(String value) {
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
