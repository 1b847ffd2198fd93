package se.medborgarlofte.query.export;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import se.medborgarlofte.eventstore.integrity.StoredHashes;
import se.medborgarlofte.query.activity.ActivityDocument;
import se.medborgarlofte.query.activity.ActivityLog;
import se.medborgarlofte.query.activity.ActivityView;
import se.medborgarlofte.query.history.HistoryBuilder;
import se.medborgarlofte.query.history.HistoryEntry;
import se.medborgarlofte.query.history.Labels;
import se.medborgarlofte.query.timeline.PromiseTimeline;
import se.medborgarlofte.query.promise.PromiseRepository;
import se.medborgarlofte.query.web.BadQueryException;
import se.medborgarlofte.query.web.NotFoundException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The activity log and the history as CSV (UTF-8 with BOM and ';' between fields, so Excel with Swedish settings
 * opens it right) or JSON. Both are streamed: rows are written as they are read.
 */
@RestController
@Tag(name = "Export")
class ExportController {

    private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    private static final CSVFormat FORMAT = CSVFormat.EXCEL.builder().setDelimiter(';').get();

    private final ActivityLog activityLog;
    private final PromiseRepository promises;
    private final PromiseTimeline timeline;
    private final JsonMapper json;
    private final StoredHashes hashes;

    ExportController(ActivityLog activityLog, PromiseRepository promises, PromiseTimeline timeline, JsonMapper json,
                     StoredHashes hashes) {
        this.activityLog = activityLog;
        this.promises = promises;
        this.timeline = timeline;
        this.json = json;
        this.hashes = hashes;
    }

    @GetMapping("/api/promises/{promiseId}/activities/export")
    @Operation(summary = "Exportera aktivitetsloggen (format=csv eller json), med samma filter som loggen")
    ResponseEntity<StreamingResponseBody> activities(@PathVariable String promiseId,
                                                     @RequestParam(defaultValue = "csv") String format,
                                                     @ParameterObject ActivityLog.Filter requested) {
        boolean csv = csv(format);
        if (!promises.existsById(promiseId)) {
            throw NotFoundException.promise(promiseId);
        }
        ActivityLog.Filter filter = requested.checked();
        StreamingResponseBody body = out -> {
            try (Stream<ActivityDocument> rows = activityLog.stream(promiseId, filter)) {
                if (csv) {
                    writeCsv(out, new String[]{"activityId", "kind", "kindLabel", "occurredOn", "place", "performedBy",
                            "commitmentIds", "participants", "outcomes", "notes", "example", "retracted",
                            "retractionReason", "corrections", "recordedAt", "recordedBy"}, printer -> rows.forEach(a ->
                            print(printer, a.activityId, a.kind, Labels.kind(a.kind), a.occurredOn, a.place,
                                    a.performedBy, String.join(",", a.commitmentIds), String.join(",", a.participants),
                                    outcomes(a.outcomes), a.notes, a.example, a.retracted, a.retractionReason,
                                    a.corrections, a.recordedAt, a.recordedBy)));
                } else {
                    writeJson(out, generator -> rows.forEach(a -> generator.writePOJO(ActivityView.of(a))));
                }
            }
        };
        return response(promiseId + "-aktiviteter", csv, body);
    }

    @GetMapping("/api/promises/{promiseId}/history/export")
    @Operation(summary = "Exportera historiken (format=csv eller json)",
            description = "Med varje händelses SHA-256-kontrollsumma (hash) och föregående händelses (previousHash), "
                          + "så att den som sparar exporten kan jämföra den med GET /api/promises/{id}/verify.")
    ResponseEntity<StreamingResponseBody> history(@PathVariable String promiseId,
                                                  @RequestParam(defaultValue = "csv") String format) {
        boolean csv = csv(format);
        if (!timeline.exists(promiseId)) {
            throw NotFoundException.promise(promiseId);
        }
        Map<Long, StoredHashes.Link> links = hashes.of(promiseId);
        StreamingResponseBody body = out -> {
            HistoryBuilder builder = new HistoryBuilder();
            if (csv) {
                writeCsv(out, new String[]{"recordedAt", "change", "subjectType", "subjectId", "userId", "userName",
                        "organisation", "role", "reason", "summary", "changes", "correlationId", "commandId",
                        "sequenceNumber", "hash", "previousHash"},
                        printer -> timeline.forEach(promiseId, recorded -> {
                            HistoryEntry e = builder.next(recorded);
                            StoredHashes.Link link = link(links, e);
                            print(printer, e.recordedAt(), e.change(), e.subjectType(), e.subjectId(), e.who().userId(),
                                    e.who().userName(), e.who().organisation(), e.who().role(), e.reason(), e.summary(),
                                    e.changes().stream().map(c -> c.field() + ": " + Labels.value(c.before()) + " -> "
                                            + Labels.value(c.after())).collect(Collectors.joining(" | ")),
                                    e.correlationId(), e.commandId(), e.sequenceNumber(), link.hash(),
                                    link.previousHash());
                        }));
            } else {
                writeJson(out, generator -> timeline.forEach(promiseId, recorded -> {
                    HistoryEntry e = builder.next(recorded);
                    StoredHashes.Link link = link(links, e);
                    generator.writePOJO(new HashedHistoryEntry(e, link.hash(), link.previousHash()));
                }));
            }
        };
        return response(promiseId + "-historik", csv, body);
    }

    private static StoredHashes.Link link(Map<Long, StoredHashes.Link> links, HistoryEntry entry) {
        return links.getOrDefault(entry.sequenceNumber(), new StoredHashes.Link(null, null));
    }

    private static boolean csv(String format) {
        if (format.equalsIgnoreCase("csv")) {
            return true;
        }
        if (format.equalsIgnoreCase("json")) {
            return false;
        }
        throw new BadQueryException("format", "Okänt format '" + format + "': välj csv eller json.");
    }

    private static ResponseEntity<StreamingResponseBody> response(String name, boolean csv, StreamingResponseBody body) {
        return ResponseEntity.ok()
                .contentType(csv ? CSV : MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(name + (csv ? ".csv" : ".json"), StandardCharsets.UTF_8).build().toString())
                .body(body);
    }

    private interface Rows<T> {
        void write(T target) throws IOException;
    }

    private static void writeCsv(OutputStream out, String[] header, Rows<CSVPrinter> rows) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write('\uFEFF');
        CSVPrinter printer = new CSVPrinter(writer, FORMAT);
        printer.printRecord((Object[]) header);
        rows.write(printer);
        printer.flush();
    }

    private void writeJson(OutputStream out, Rows<JsonGenerator> rows) throws IOException {
        try (JsonGenerator generator = json.createGenerator(out)) {
            generator.writeStartArray();
            rows.write(generator);
            generator.writeEndArray();
        }
    }

    private static void print(CSVPrinter printer, Object... values) {
        try {
            printer.printRecord(values);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String outcomes(Map<String, Integer> outcomes) {
        return outcomes == null ? "" : outcomes.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .sorted().collect(Collectors.joining(","));
    }
}
