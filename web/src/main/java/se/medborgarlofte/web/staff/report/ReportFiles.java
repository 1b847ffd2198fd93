package se.medborgarlofte.web.staff.report;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.jsoup.Jsoup;
import org.jsoup.helper.W3CDom;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;
import se.medborgarlofte.web.page.Messages;
import se.medborgarlofte.web.page.SwedishFormat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** The report as a PDF (the page's content through openhtmltopdf, A4) and as an Excel workbook (fastexcel). */
@Component
class ReportFiles {

    private final ITemplateEngine templates;
    private final Messages messages;

    ReportFiles(ITemplateEngine templates, Messages messages) {
        this.templates = templates;
        this.messages = messages;
    }

    byte[] pdf(BraReport report) {
        String html = templates.process("staff/report-pdf", new Context(SwedishFormat.SWEDISH, Map.of("report", report)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.withW3cDocument(new W3CDom().fromJsoup(Jsoup.parse(html)), "/");
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    byte[] excel(BraReport report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook workbook = new Workbook(out, "Medborgarloften", "1.0");
            Worksheet progress = workbook.newWorksheet(messages.get("report.sheet.progress"));
            progress.value(0, 0, report.title() + " – " + messages.get("report.asOf", report.asOf()));
            progress.style(0, 0).bold().set();
            header(progress, 2, List.of("report.col.commitment", "report.col.owner", "report.col.done",
                    "report.col.target", "report.col.status", "report.col.forecast"));
            int row = 3;
            for (BraReport.Row r : report.rows()) {
                progress.value(row, 0, r.commitment());
                progress.value(row, 1, r.owner());
                progress.value(row, 2, r.done());
                if (r.target() != null) {
                    progress.value(row, 3, r.target());
                }
                progress.value(row, 4, r.status());
                if (r.forecast() != null) {
                    progress.value(row, 5, r.forecast());
                }
                row++;
            }
            if (report.anchor() != null) {
                progress.value(row + 1, 0, messages.get("report.anchor.text", report.anchor().day(),
                        report.anchor().hash(), report.anchor().promises()));
            }
            Worksheet changes = workbook.newWorksheet(messages.get("report.sheet.changes"));
            header(changes, 0, List.of("report.col.date", "report.col.change", "report.col.reason"));
            row = 1;
            for (BraReport.Change c : report.changes()) {
                changes.value(row, 0, c.recordedOn());
                changes.value(row, 1, c.summary());
                changes.value(row++, 2, c.reason());
            }
            Worksheet assessments = workbook.newWorksheet(messages.get("report.sheet.assessments"));
            header(assessments, 0, List.of("report.col.commitment", "report.col.date", "report.col.status",
                    "report.col.rationale"));
            row = 1;
            for (BraReport.Assessment a : report.assessments()) {
                assessments.value(row, 0, a.commitment());
                assessments.value(row, 1, a.assessedOn());
                assessments.value(row, 2, a.status());
                assessments.value(row++, 3, a.rationale());
            }
            workbook.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private void header(Worksheet sheet, int row, List<String> keys) {
        for (int column = 0; column < keys.size(); column++) {
            sheet.value(row, column, messages.get(keys.get(column)));
            sheet.style(row, column).bold().set();
        }
    }
}
