package se.medborgarlofte.web.activities;

import java.util.List;

/** The view model of a promise's public activity log, one page of it. */
record ActivityLogPage(String promiseUrl, String title, String period, List<Option> kinds, List<Option> commitments,
                       List<Option> months, boolean filtered, int total, String showing, List<Row> rows,
                       String previousUrl, String nextUrl, String pageText, boolean hasExamples, String feedUrl) {

    record Option(String value, String label, boolean selected) {
    }

    record Row(String date, String kind, String place, String performedBy, String commitments, boolean example) {
    }
}
