package se.medborgarlofte.local;

import org.springframework.data.mongodb.core.MongoTemplate;
import se.medborgarlofte.query.activity.TallyBackfill;
import se.medborgarlofte.query.tally.PromiseTally;
import se.medborgarlofte.query.tally.TallyStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.fail;

/** The tallies progress is read from, against the same tallies counted afresh from the activity documents. */
final class Tallies {

    private Tallies() {
    }

    /**
     * Every promise's stored tally equals what its activity documents add up to (the activities that are not
     * retracted, each where its last correction put it), and stands at the newest change to any of them.
     */
    static void assertMatchActivities(MongoTemplate mongo) {
        assertMatchActivities(mongo, new TallyStore(mongo));
    }

    /** The same, for the tallies {@code tallies} reads (the query side's: those of the active generation). */
    static void assertMatchActivities(MongoTemplate mongo, TallyStore tallies) {
        Map<String, PromiseTally> stored = tallies.findAll();
        Map<String, PromiseTally> counted = TallyBackfill.countFromActivities(mongo);
        List<String> differences = new ArrayList<>();
        TreeSet<String> promises = new TreeSet<>(stored.keySet());
        promises.addAll(counted.keySet());
        for (String promise : promises) {
            PromiseTally actual = stored.get(promise);
            PromiseTally expected = counted.get(promise);
            if (actual == null || expected == null) {
                differences.add(promise + ": " + (actual == null ? "no stored tally" : "a tally but no activities"));
            } else if (!actual.tally.equals(expected.tally) || actual.lastSequence != expected.lastSequence
                       || !Objects.equals(actual.lastChangedAt, expected.lastChangedAt)) {
                differences.add(promise + ": stored " + actual + ", counted from the activities " + expected);
            }
        }
        if (!differences.isEmpty()) {
            fail(differences.size() + " of " + promises.size() + " tallies differ from their activity documents, "
                 + "e.g.:\n" + String.join("\n", differences.subList(0, Math.min(5, differences.size()))));
        }
    }
}
