package se.medborgarlofte.security.openapi;

import org.springframework.http.HttpStatus;

/** A Swedish description and an example of each problem answer the APIs give. */
final class Examples {

    private Examples() {
    }

    static String description(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "Fel i begäran: fältet eller parametern som är fel namnges i errors";
            case UNAUTHORIZED -> "Inte inloggad";
            case FORBIDDEN -> "Inloggad men får inte göra detta här (rule säger varför)";
            case NOT_FOUND -> "Okänt id";
            case CONFLICT -> "En regel bröts (rule), eller någon annan ändrade samtidigt";
            case PRECONDITION_FAILED -> "If-Match anger en version som inte längre gäller";
            case CONTENT_TOO_LARGE -> "Begäran är för stor";
            case UNSUPPORTED_MEDIA_TYPE -> "Fel innehållstyp";
            case TOO_MANY_REQUESTS -> "För många misslyckade inloggningar; försök senare";
            default -> status.getReasonPhrase();
        };
    }

    static String code(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "invalid-field";
            case UNAUTHORIZED -> "unauthorized";
            case FORBIDDEN -> "wrong-side";
            case NOT_FOUND -> "unknown-promise";
            case CONFLICT -> "outside-period";
            case PRECONDITION_FAILED -> "stale-version";
            case CONTENT_TOO_LARGE -> "body-too-large";
            case UNSUPPORTED_MEDIA_TYPE -> "unsupported-media-type";
            default -> status.name().toLowerCase().replace('_', '-');
        };
    }

    static String detail(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "Fältet occurredOn ska vara ett datum ÅÅÅÅ-MM-DD.";
            case UNAUTHORIZED -> "Logga in för att göra detta.";
            case FORBIDDEN -> "Lokalpolisområde Värnamo får bara arbeta för sin egen sida (POLICE) eller gemensamt.";
            case NOT_FOUND -> "Medborgarlöftet gnosjo-2025 finns inte.";
            case CONFLICT -> "Datumet 2025-01-10 ligger utanför medborgarlöftets period 2024-01-01 – 2024-12-31.";
            case PRECONDITION_FAILED -> "Medborgarlöftet har ändrats sedan version 3 (nu version 5).";
            case CONTENT_TOO_LARGE -> "Begäran är för stor: högst 65536 byte.";
            case UNSUPPORTED_MEDIA_TYPE -> "Skicka begäran som application/json.";
            default -> status.getReasonPhrase();
        };
    }
}
