package se.medborgarlofte.eventstore.integrity;

import com.mongodb.client.MongoCollection;
import org.bson.Document;
import se.medborgarlofte.eventstore.EventHash;
import se.medborgarlofte.eventstore.HashGenesis;
import se.medborgarlofte.eventstore.HashGenesis.Genesis;
import se.medborgarlofte.eventstore.integrity.ChainReport.Break;
import se.medborgarlofte.eventstore.integrity.ChainReport.Problem;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Recomputes an aggregate's hash chain from the stored documents: first its genesis entry (each covered event's
 * hash as the entry recorded it), then every later event (its previous hash must be the hash before it, and its
 * stored fields must give its stored hash), in sequence order without gaps. Reports the first event that does not
 * match. One query for the events, one for the genesis entry.
 */
public final class ChainVerifier {

    private final MongoCollection<Document> events;
    private final HashGenesis genesis;

    public ChainVerifier(MongoCollection<Document> events, HashGenesis genesis) {
        this.events = events;
        this.genesis = genesis;
    }

    /** The report, or empty if the aggregate has no events at all. */
    public Optional<ChainReport> verify(String aggregateIdentifier) {
        TreeMap<Long, Document> stored = StoredEvents.of(events, aggregateIdentifier, null);
        Genesis covered = genesis.find(aggregateIdentifier);
        if (stored.isEmpty() && covered == null) {
            return Optional.empty();
        }
        String head = head(stored, covered);
        int checked = 0;
        String previous = null;
        long next = 0;
        if (covered != null) {
            List<String> hashes = covered.eventHashes();
            for (int i = 0; i < covered.sequenceNumbers().size(); i++) {
                long sequence = covered.sequenceNumbers().get(i);
                Document document = stored.get(sequence);
                String recorded = i < hashes.size() ? hashes.get(i) : null;
                if (document == null) {
                    return Optional.of(broken(aggregateIdentifier, head, checked, null, sequence, Problem.MISSING));
                }
                if (!EventHash.of(document, previous).equals(recorded)) {
                    return Optional.of(broken(aggregateIdentifier, head, checked, document, sequence,
                            Problem.HASH_MISMATCH));
                }
                previous = recorded;
                checked++;
                next = sequence + 1;
            }
            if (!Objects.equals(previous, covered.hash())) {
                return Optional.of(broken(aggregateIdentifier, head, checked - 1, stored.get(next - 1), next - 1,
                        Problem.HASH_MISMATCH));
            }
        }
        long last = stored.isEmpty() ? -1 : stored.lastKey();
        for (long sequence = next; sequence <= last; sequence++) {
            Document document = stored.get(sequence);
            if (document == null) {
                return Optional.of(broken(aggregateIdentifier, head, checked, null, sequence, Problem.MISSING));
            }
            if (!(document.get("hash") instanceof String hash)) {
                return Optional.of(broken(aggregateIdentifier, head, checked, document, sequence, Problem.NOT_HASHED));
            }
            String linked = document.get("previousHash") instanceof String text ? text : null;
            if (!Objects.equals(linked, previous)) {
                return Optional.of(broken(aggregateIdentifier, head, checked, document, sequence,
                        Problem.PREVIOUS_HASH_MISMATCH));
            }
            if (!EventHash.of(document, linked).equals(hash)) {
                return Optional.of(broken(aggregateIdentifier, head, checked, document, sequence,
                        Problem.HASH_MISMATCH));
            }
            previous = hash;
            checked++;
        }
        return Optional.of(ChainReport.intact(aggregateIdentifier, checked, head));
    }

    /** The hash of the last stored event as stored: what the daily anchor takes. */
    private static String head(TreeMap<Long, Document> stored, Genesis covered) {
        if (!stored.isEmpty() && stored.lastEntry().getValue().get("hash") instanceof String hash) {
            return hash;
        }
        return covered == null ? null : covered.hash();
    }

    private static ChainReport broken(String aggregateIdentifier, String head, int checked, Document document,
                                      long sequence, Problem problem) {
        String eventIdentifier = document != null && document.get("eventIdentifier") instanceof String id ? id : null;
        return ChainReport.broken(aggregateIdentifier, checked, head,
                new Break(sequence, eventIdentifier, problem));
    }
}
