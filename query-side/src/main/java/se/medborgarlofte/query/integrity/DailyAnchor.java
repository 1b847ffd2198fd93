package se.medborgarlofte.query.integrity;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import se.medborgarlofte.events.SwedishTime;
import se.medborgarlofte.eventstore.integrity.HashAnchors;

import java.time.Clock;
import java.time.LocalDate;

/**
 * Once a day ({@code medborgarlofte.hash-chain.anchor-cron}, default 00:05 Swedish time) the heads of all promises
 * are combined into the day's anchor, stored and logged ({@link HashAnchors}). Every query-side replica runs it;
 * the first to store the day's anchor wins and the others read it.
 */
@Configuration
@EnableScheduling
class DailyAnchor {

    private final HashAnchors anchors;
    private final Clock clock;

    DailyAnchor(HashAnchors anchors, Clock clock) {
        this.anchors = anchors;
        this.clock = clock;
    }

    @Scheduled(cron = "${medborgarlofte.hash-chain.anchor-cron:0 5 0 * * *}", zone = "Europe/Stockholm")
    void daily() {
        anchorToday();
    }

    HashAnchors.Anchor anchorToday() {
        return anchors.anchorFor(LocalDate.now(clock.withZone(SwedishTime.ZONE)),
                clock.instant());
    }
}
