package se.medborgarlofte.query.web;

import se.medborgarlofte.events.SwedishTime;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;

/** Parses the moments and date ranges the query API takes; anything unreadable is a 400 naming the parameter. */
public final class TimeParameters {


    private TimeParameters() {
    }

    /**
     * A moment: {@code 2025-03-01T10:15:00Z}, {@code 2025-03-01T11:15:00+01:00}, a Swedish local
     * {@code 2025-03-01T11:15}, or a date {@code 2025-03-01} meaning the end of that day in Stockholm.
     */
    public static Instant moment(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).plusDays(1).atStartOfDay(SwedishTime.ZONE).toInstant().minusNanos(1);
            }
            if (text.endsWith("Z")) {
                return Instant.parse(text);
            }
            if (text.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return OffsetDateTime.parse(text).toInstant();
            }
            return LocalDateTime.parse(text).atZone(SwedishTime.ZONE).toInstant();
        } catch (DateTimeException e) {
            throw new BadQueryException(parameter, "Ogiltig tidpunkt för " + parameter + ": '" + value
                    + "'. Skriv ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM-DDTtt:mm[:ss][Z|+01:00].");
        }
    }

    /** The start of a date in Stockholm, or null. */
    public static Instant startOf(LocalDate date) {
        return date == null ? null : date.atStartOfDay(SwedishTime.ZONE).toInstant();
    }

    /** The first instant after a date in Stockholm, or null. */
    public static Instant endOf(LocalDate date) {
        return date == null ? null : date.plusDays(1).atStartOfDay(SwedishTime.ZONE).toInstant();
    }

    public static void requireOrdered(String parameter, Object from, Object to, boolean inverted) {
        if (from != null && to != null && inverted) {
            throw new BadQueryException(parameter, "Intervallet är omvänt: " + from + " ligger efter " + to + ".");
        }
    }
}
