package se.medborgarlofte.command.importing;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A CSV file of activities: UTF-8 with or without BOM, {@code ;} or {@code ,} between fields (whichever the header
 * line uses more), one header line with the API's field names ({@code activityId} optional, {@code kind},
 * {@code occurredOn}, {@code place}, {@code performedBy}, {@code commitmentIds}, {@code participants},
 * {@code notes}, {@code municipality}, {@code publicPlace}, {@code causedBy}, and one {@code outcomes.<name>} column
 * per outcome). {@code digest} is the SHA-256 of the file's
 * bytes, from which the ids of rows without {@code activityId} are derived.
 */
record ImportFile(String digest, List<Row> rows) {

    static final Set<String> REQUIRED = Set.of("kind", "occurredOn", "place", "performedBy", "commitmentIds");
    static final Set<String> OPTIONAL = Set.of("activityId", "participants", "notes", "municipality", "publicPlace",
            "causedBy");
    static final String OUTCOME_PREFIX = "outcomes.";

    /** One data row; {@code number} counts data rows from 1 (the header is not a row). */
    record Row(int number, Map<String, String> cells) {
        String cell(String column) {
            return cells.getOrDefault(column, "");
        }
    }

    /** The file can't be read at all: no row is looked at. */
    static final class Unreadable extends RuntimeException {
        final String field;

        Unreadable(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }
    }

    static ImportFile parse(byte[] bytes) {
        String text = decode(bytes);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        int lineEnd = text.indexOf('\n');
        String header = lineEnd < 0 ? text : text.substring(0, lineEnd);
        if (header.isBlank()) {
            throw new Unreadable("file", "Filen är tom: första raden ska ha kolumnernas namn.");
        }
        char delimiter = count(header, ';') >= count(header, ',') ? ';' : ',';
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            List<String> columns = parser.getHeaderNames();
            checkColumns(columns);
            List<Row> rows = new ArrayList<>();
            for (CSVRecord record : parser) {
                Map<String, String> cells = new LinkedHashMap<>();
                for (String column : columns) {
                    cells.put(column, record.isSet(column) ? record.get(column) : "");
                }
                rows.add(new Row(rows.size() + 1, cells));
            }
            return new ImportFile(digest(bytes), rows);
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new Unreadable("file", "Filen kan inte läsas som CSV: " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw new Unreadable("file", "Filen kan inte läsas som CSV: " + e.getCause().getMessage());
        }
    }

    private static void checkColumns(List<String> columns) {
        for (String column : columns) {
            boolean known = REQUIRED.contains(column) || OPTIONAL.contains(column)
                            || column.startsWith(OUTCOME_PREFIX) && column.length() > OUTCOME_PREFIX.length();
            if (!known) {
                throw new Unreadable(column, "Okänd kolumn \"" + column + "\". Kolumnerna heter som API:ets fält: "
                        + "activityId, kind, occurredOn, place, performedBy, commitmentIds, participants, notes, "
                        + "municipality, publicPlace, causedBy och "
                        + "outcomes.<namn>.");
            }
        }
        for (String required : REQUIRED) {
            if (!columns.contains(required)) {
                throw new Unreadable(required, "Kolumnen \"" + required + "\" saknas.");
            }
        }
    }

    private static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new Unreadable("file", "Filen är inte sparad som UTF-8. Spara den som \"CSV UTF-8\" och försök igen.");
        }
    }

    private static long count(String text, char c) {
        return text.chars().filter(ch -> ch == c).count();
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
