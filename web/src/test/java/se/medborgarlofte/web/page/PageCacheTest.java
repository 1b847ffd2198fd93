package se.medborgarlofte.web.page;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.info.BuildProperties;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class PageCacheTest {

    static final ZoneId SWEDEN = ZoneId.of("Europe/Stockholm");

    @Test
    void theTagStaysTheSameDayAndChangesAtMidnightInStockholmNotInUtc() {
        PageCache morning = cache("2024-06-05T04:00:00Z", "1.0");
        PageCache evening = cache("2024-06-05T21:30:00Z", "1.0");
        PageCache afterMidnightInSweden = cache("2024-06-05T22:30:00Z", "1.0");
        assertThat(evening.etag("p", 7L, null)).isEqualTo(morning.etag("p", 7L, null));
        assertThat(afterMidnightInSweden.etag("p", 7L, null)).isNotEqualTo(evening.etag("p", 7L, null));
    }

    @Test
    void theTagChangesWithTheLastEventTheDateAskedForAndTheApplicationsVersion() {
        PageCache cache = cache("2024-06-05T10:00:00Z", "1.0");
        String tag = cache.etag("p", 7L, null);
        assertThat(tag).startsWith("W/\"").endsWith("\"");
        assertThat(cache.etag("p", 8L, null)).isNotEqualTo(tag);
        assertThat(cache.etag("p", 7L, LocalDate.of(2024, 3, 31))).isNotEqualTo(tag);
        assertThat(cache("2024-06-05T10:00:00Z", "1.1").etag("p", 7L, null)).isNotEqualTo(tag);
        assertThat(cache.etag("q", 7L, null)).isNotEqualTo(tag);
    }

    private static PageCache cache(String now, String version) {
        Properties properties = new Properties();
        properties.setProperty("version", version);
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("build", new BuildProperties(properties));
        return new PageCache(Clock.fixed(Instant.parse(now), SWEDEN), beans.getBeanProvider(BuildProperties.class));
    }
}
