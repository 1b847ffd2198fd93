package se.medborgarlofte.web.staff.importing;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import se.medborgarlofte.web.staff.api.StaffApi;
import se.medborgarlofte.web.staff.api.StaffUser;
import se.medborgarlofte.web.staff.api.StaffViews;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * {@code /personal/loften/{promiseId}/import}: upload a CSV file of activities; the command side first runs it dry
 * (every row's result, rows identical to another flagged, nothing written); the page then offers to import the
 * valid rows. Between the two steps the file is kept in the session (at most 5 MB, one file per promise), under
 * its digest, so the file imported is exactly the file checked.
 */
@Controller
class ImportController {

    static final long MAX_BYTES = 5L * 1024 * 1024;

    private final StaffApi api;

    ImportController(StaffApi api) {
        this.api = api;
    }

    /** The file between the dry run and the import. */
    record Pending(String digest, String name, byte[] bytes) implements java.io.Serializable {
    }

    @GetMapping("/personal/loften/{promiseId}/import")
    String form(@PathVariable String promiseId, Model model) {
        return page(model, api.promise(promiseId), null, null, null);
    }

    @PostMapping("/personal/loften/{promiseId}/import")
    String dryRun(@PathVariable String promiseId, @RequestParam(name = "fil", required = false) MultipartFile file,
                  HttpSession session, Model model, HttpServletResponse response) throws IOException {
        StaffViews.Promise promise = api.promise(promiseId);
        if (file == null || file.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return page(model, promise, null, null, "import.error.noFile");
        }
        if (file.getSize() > MAX_BYTES) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return page(model, promise, null, null, "import.error.tooLarge");
        }
        byte[] bytes = file.getBytes();
        StaffApi.ImportAnswer answer = api.importCsv(promiseId, bytes, true);
        if (answer.report() == null) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return page(model, promise, null, answer.problem().detail(), null);
        }
        Pending pending = new Pending(digest(bytes), file.getOriginalFilename(), bytes);
        session.setAttribute(key(promiseId), pending);
        model.addAttribute("pending", pending);
        return page(model, promise, answer.report(), null, null);
    }

    @PostMapping("/personal/loften/{promiseId}/import/bekrafta")
    String importRows(@PathVariable String promiseId, @RequestParam String digest, HttpSession session, Model model,
                      HttpServletResponse response) {
        StaffViews.Promise promise = api.promise(promiseId);
        if (!(session.getAttribute(key(promiseId)) instanceof Pending pending) || !pending.digest().equals(digest)) {
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            return page(model, promise, null, null, "import.error.expired");
        }
        StaffApi.ImportAnswer answer = api.importCsv(promiseId, pending.bytes(), false);
        session.removeAttribute(key(promiseId));
        if (answer.report() == null) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return page(model, promise, null, answer.problem().detail(), null);
        }
        return page(model, promise, answer.report(), null, null);
    }

    private static String page(Model model, StaffViews.Promise promise, StaffViews.ImportReport report, String problem,
                               String errorKey) {
        model.addAttribute("user", StaffUser.current());
        model.addAttribute("promise", promise);
        model.addAttribute("report", report);
        model.addAttribute("problem", problem);
        model.addAttribute("errorKey", errorKey);
        return "staff/import";
    }

    private static String key(String promiseId) {
        return "import:" + promiseId;
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
