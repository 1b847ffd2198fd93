package se.medborgarlofte.query.replicas;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * How the query-side replicas find each other and hold their segments ({@link QueryReplicas}).
 *
 * @param heartbeat      how often a replica says it is alive (and recounts the others and each group's segments)
 * @param expiry         a replica not heard from for this long is gone, and the others' shares grow. Keep it below
 *                       the token store's claim timeout ({@code medborgarlofte.event-store.claim-timeout}, 10 s; checked at
 *                       start), so that by the time a crashed replica's claims
 *                       expire, the others already count it out and claim them
 * @param claimExtension how often a segment that has nothing to process stores its token (or extends its claim):
 *                       well below the claim timeout, or another replica takes the segment over while its holder
 *                       is alive; short, so that the read position other replicas read from the token store is
 *                       fresh ({@code GET /api/operations/read-position})
 */
@ConfigurationProperties("medborgarlofte.replicas")
public record ReplicaProperties(Duration heartbeat, Duration expiry, Duration claimExtension) {

    public ReplicaProperties {
        heartbeat = heartbeat == null ? Duration.ofSeconds(2) : heartbeat;
        expiry = expiry == null ? Duration.ofSeconds(6) : expiry;
        claimExtension = claimExtension == null ? Duration.ofSeconds(1) : claimExtension;
        if (expiry.compareTo(heartbeat) <= 0) {
            throw new IllegalArgumentException("medborgarlofte.replicas.expiry (" + expiry
                                               + ") must be longer than the heartbeat (" + heartbeat + ")");
        }
    }
}
