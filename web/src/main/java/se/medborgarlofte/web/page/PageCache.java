package se.medborgarlofte.web.page;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HexFormat;

/**
 * ETags of the pages. A page changes with its data (the promise's last event), with the day (expected figures and
 * statuses move every day without a new event: today's date in Stockholm), with the date asked for ({@code asOf})
 * and with the application (a new build may render differently), so the tag is built from exactly those.
 */
@Component
public class PageCache {

    private final Clock clock;
    private final String version;

    public PageCache(Clock clock, ObjectProvider<BuildProperties> build) {
        this.clock = clock;
        BuildProperties properties = build.getIfAvailable();
        this.version = properties == null ? "dev"
                : properties.getVersion() + "@" + (properties.getTime() == null ? "" : properties.getTime().toEpochMilli());
    }

    /**
     * A weak ETag of the page's own data parts plus today, asOf and the application's version. Weak, because the
     * same page is sent compressed or not (Tomcat does not compress answers with a strong ETag).
     */
    public String etag(String page, Object lastEvent, LocalDate asOf) {
        return tag(page, String.valueOf(lastEvent), LocalDate.now(clock).toString(), String.valueOf(asOf), version);
    }

    static String tag(String... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                digest.update(part.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return "W/\"" + HexFormat.of().formatHex(digest.digest(), 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
