package se.medborgarlofte.query.activity;

import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Component;
import se.medborgarlofte.events.ActivityKind;
import se.medborgarlofte.events.Party;
import se.medborgarlofte.query.web.BadQueryException;
import se.medborgarlofte.query.web.TimeParameters;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reads the activity log of a promise, filtered. */
@Component
public class ActivityLog {

    private final MongoTemplate mongo;

    ActivityLog(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Filters, bound from the request parameters of the log and its export; null means "any". {@code place}
     * matches a part of the place, ignoring case; {@code from}/{@code to} are the dates things happened.
     */
    public record Filter(@Parameter(description = "aktivitetstyp") ActivityKind kind,
                         @Parameter(description = "bara aktiviteter som räknas för åtagandet") String commitmentId,
                         @Parameter(description = "vem som utförde") Party performedBy,
                         @Parameter(description = "från och med datum, ÅÅÅÅ-MM-DD")
                         @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                         @Parameter(description = "till och med datum, ÅÅÅÅ-MM-DD")
                         @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                         @Parameter(description = "del av platsen") String place,
                         @Parameter(description = "även återkallade") Boolean includeRetracted) {
        public static Filter counting() {
            return new Filter(null, null, null, null, null, null, false);
        }

        /** This filter, if it makes sense: an inverted date range or an overlong place is a 400. */
        public Filter checked() {
            TimeParameters.requireOrdered("from", from, to, from != null && to != null && from.isAfter(to));
            if (place != null && place.length() > 200) {
                throw new BadQueryException("place", "Platsfiltret får vara högst 200 tecken.");
            }
            return this;
        }
    }

    /** The newest change to any activity of a promise (retracted ones included): its aggregate sequence and time. */
    public record LatestChange(long sequence, Instant at) {
    }

    public java.util.Optional<LatestChange> latestChange(String promiseId) {
        Query query = Query.query(Criteria.where("promiseId").is(promiseId))
                .with(Sort.by(Sort.Order.desc("lastSequence"))).limit(1);
        query.fields().include("lastSequence", "lastChangedAt");
        return java.util.Optional.ofNullable(mongo.findOne(query, ActivityDocument.class))
                .map(a -> new LatestChange(a.lastSequence, a.lastChangedAt));
    }

    public List<ActivityDocument> find(String promiseId, Filter filter) {
        return mongo.find(query(promiseId, filter, false), ActivityDocument.class);
    }

    /**
     * For readers who see only the public fields: {@code place} matches the public place where one was given, so
     * that the exact place can't be found by guessing.
     */
    public List<ActivityDocument> findPublic(String promiseId, Filter filter) {
        return mongo.find(query(promiseId, filter, true), ActivityDocument.class);
    }

    /** The same, one document at a time, for exports that must not hold a large promise in memory. */
    public Stream<ActivityDocument> stream(String promiseId, Filter filter) {
        return mongo.stream(query(promiseId, filter, false), ActivityDocument.class);
    }

    private static Query query(String promiseId, Filter filter, boolean publicPlaces) {
        Criteria criteria = Criteria.where("promiseId").is(promiseId);
        if (!Boolean.TRUE.equals(filter.includeRetracted())) {
            criteria.and("retracted").is(false);
        }
        if (filter.kind() != null) {
            criteria.and("kind").is(filter.kind());
        }
        if (filter.commitmentId() != null) {
            criteria.and("commitmentIds").is(filter.commitmentId());
        }
        if (filter.performedBy() != null) {
            criteria.and("performedBy").is(filter.performedBy());
        }
        if (filter.from() != null || filter.to() != null) {
            Criteria occurred = criteria.and("occurredOn");
            if (filter.from() != null) {
                occurred.gte(filter.from());
            }
            if (filter.to() != null) {
                occurred.lte(filter.to());
            }
        }
        if (filter.place() != null && !filter.place().isBlank()) {
            String place = Pattern.quote(filter.place().strip());
            if (publicPlaces) {
                criteria.orOperator(Criteria.where("publicPlace").regex(place, "i"),
                        Criteria.where("publicPlace").is(null).and("place").regex(place, "i"));
            } else {
                criteria.and("place").regex(place, "i");
            }
        }
        return Query.query(criteria).with(Sort.by(Sort.Order.desc("occurredOn"), Sort.Order.asc("activityId")));
    }
}
