package se.medborgarlofte.web.staff.report;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import se.medborgarlofte.web.page.Parameters;
import se.medborgarlofte.web.staff.api.StaffUser;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * {@code /personal/loften/{promiseId}/rapport?asOf=&sedan=}: the BRÅ report as a printable page (A4 print
 * stylesheet), as a PDF ({@code rapport.pdf}) and as an Excel file ({@code rapport.xlsx}), all three from one
 * {@link BraReport}.
 */
@Controller
class ReportController {

    static final MediaType XLSX = MediaType.parseMediaType(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final ReportPages pages;
    private final ReportFiles files;

    ReportController(ReportPages pages, ReportFiles files) {
        this.pages = pages;
        this.files = files;
    }

    @GetMapping("/personal/loften/{promiseId}/rapport")
    String page(@PathVariable String promiseId, @RequestParam(required = false) String asOf,
                @RequestParam(required = false) String sedan, Model model) {
        model.addAttribute("user", StaffUser.current());
        model.addAttribute("report", report(promiseId, asOf, sedan));
        return "staff/report";
    }

    @GetMapping("/personal/loften/{promiseId}/rapport.pdf")
    ResponseEntity<byte[]> pdf(@PathVariable String promiseId, @RequestParam(required = false) String asOf,
                               @RequestParam(required = false) String sedan) {
        BraReport report = report(promiseId, asOf, sedan);
        return download(files.pdf(report), MediaType.APPLICATION_PDF, report, "pdf");
    }

    @GetMapping("/personal/loften/{promiseId}/rapport.xlsx")
    ResponseEntity<byte[]> excel(@PathVariable String promiseId, @RequestParam(required = false) String asOf,
                                 @RequestParam(required = false) String sedan) {
        BraReport report = report(promiseId, asOf, sedan);
        return download(files.excel(report), XLSX, report, "xlsx");
    }

    private BraReport report(String promiseId, String asOf, String since) {
        LocalDate date = Parameters.date("asOf", asOf);
        LocalDate sinceDate = Parameters.date("sedan", since);
        return pages.report(promiseId, date, sinceDate);
    }

    private static ResponseEntity<byte[]> download(byte[] body, MediaType type, BraReport report, String extension) {
        String name = "rapport-" + report.promiseId() + "-" + report.asOfIso() + "." + extension;
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(name, StandardCharsets.UTF_8).build().toString())
                .body(body);
    }
}
