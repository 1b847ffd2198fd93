package se.medborgarlofte.query.tally;

import se.medborgarlofte.events.ActivityKind;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the activities of one promise that count add up to: per commitment, per day, activity kind and municipality
 * ({@link Cell}), how many activities, how many of them complete the commitment's milestone, and per outcome measure
 * the sum of the figures reported and how many reported one. That is all progress needs at any date, so it never
 * has to read the activities themselves: its size grows with the days that have activities, not with the activities.
 * <p>
 * An activity is {@link #add added} when recorded; a correction {@link #remove removes} what it added before and adds
 * what it adds now; a retraction removes it. A cell that no activity is left in is gone, so two tallies of the same
 * activities are equal, whatever came and went in between. Not thread-safe.
 */
public final class ActivityTally {

    /** What the activities of one commitment, kind, municipality and day add up to. */
    public record Cell(ActivityKind kind, String municipality, LocalDate day, int activities, int completing,
                       Map<String, OutcomeSum> outcomes) {

        public Cell {
            outcomes = Map.copyOf(outcomes);
        }

        /** The sum of the figures reported for {@code measure}; 0 where none was. */
        public int sum(String measure) {
            OutcomeSum sum = outcomes.get(measure);
            return sum == null ? 0 : sum.sum();
        }

        Key key() {
            return new Key(kind, municipality, day);
        }
    }

    /** The figures of one outcome measure added up, and how many activities reported one (0 included). */
    public record OutcomeSum(int sum, int reports) {
    }

    /** Cells in the order of their day, then kind, then municipality (none first). */
    record Key(ActivityKind kind, String municipality, LocalDate day) implements Comparable<Key> {
        private static final Comparator<Key> ORDER = Comparator.comparing(Key::day)
                .thenComparing(Key::kind, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(Key::municipality, Comparator.nullsFirst(Comparator.naturalOrder()));

        @Override
        public int compareTo(Key other) {
            return ORDER.compare(this, other);
        }
    }

    private final NavigableMap<String, NavigableMap<Key, Cell>> commitments = new TreeMap<>();

    /** A tally of {@code contributions}. */
    public static ActivityTally of(Collection<Contribution> contributions) {
        ActivityTally tally = new ActivityTally();
        contributions.forEach(tally::add);
        return tally;
    }

    public void add(Contribution contribution) {
        for (String commitmentId : contribution.commitmentIds()) {
            NavigableMap<Key, Cell> cells = commitments.computeIfAbsent(commitmentId, id -> new TreeMap<>());
            Key key = new Key(contribution.kind(), contribution.municipality(), contribution.occurredOn());
            Cell cell = cells.get(key);
            cells.put(key, changed(cell == null ? empty(key) : cell, contribution, 1));
        }
    }

    /**
     * Takes back what {@code contribution} added. Taking back what was never added is a defect the tally can't
     * repair: it throws rather than show a wrong figure.
     */
    public void remove(Contribution contribution) {
        for (String commitmentId : contribution.commitmentIds()) {
            NavigableMap<Key, Cell> cells = commitments.get(commitmentId);
            Key key = new Key(contribution.kind(), contribution.municipality(), contribution.occurredOn());
            Cell cell = cells == null ? null : cells.get(key);
            if (cell == null) {
                throw new IllegalStateException("Nothing to take back for commitment " + commitmentId + " on " + key);
            }
            Cell left = changed(cell, contribution, -1);
            if (left.activities() > 0) {
                cells.put(key, left);
            } else {
                cells.remove(key);
                if (cells.isEmpty()) {
                    commitments.remove(commitmentId);
                }
            }
        }
    }

    /** A tally of the same cells that changes on its own (cells are values: only the maps are copied). */
    public ActivityTally copy() {
        ActivityTally copy = new ActivityTally();
        commitments.forEach((commitmentId, cells) -> copy.commitments.put(commitmentId, new TreeMap<>(cells)));
        return copy;
    }

    /** The commitments any counted activity names, in the order of their ids. */
    public Set<String> commitmentIds() {
        return commitments.keySet();
    }

    /** The cells of one commitment, by day; none for a commitment no activity counts for. */
    public Collection<Cell> cells(String commitmentId) {
        NavigableMap<Key, Cell> cells = commitments.get(commitmentId);
        return cells == null ? List.of() : cells.values();
    }

    /** Only the activities done in {@code municipality} (its name in any case). */
    public ActivityTally inMunicipality(String municipality) {
        ActivityTally there = new ActivityTally();
        commitments.forEach((commitmentId, cells) -> cells.forEach((key, cell) -> {
            if (municipality.equalsIgnoreCase(cell.municipality())) {
                there.commitments.computeIfAbsent(commitmentId, id -> new TreeMap<>()).put(key, cell);
            }
        }));
        return there;
    }

    /** Puts a stored cell back (the cells of a commitment come in any order; a key given twice is a defect). */
    void put(String commitmentId, Cell cell) {
        if (commitments.computeIfAbsent(commitmentId, id -> new TreeMap<>()).put(cell.key(), cell) != null) {
            throw new IllegalStateException("Two cells for commitment " + commitmentId + " on " + cell.key());
        }
    }

    public boolean isEmpty() {
        return commitments.isEmpty();
    }

    private static Cell empty(Key key) {
        return new Cell(key.kind(), key.municipality(), key.day(), 0, 0, Map.of());
    }

    private static Cell changed(Cell cell, Contribution contribution, int sign) {
        Map<String, OutcomeSum> outcomes = new TreeMap<>(cell.outcomes());
        contribution.outcomes().forEach((measure, value) -> {
            OutcomeSum before = outcomes.getOrDefault(measure, new OutcomeSum(0, 0));
            OutcomeSum after = new OutcomeSum(before.sum() + sign * value, before.reports() + sign);
            if (after.reports() < 0) {
                throw new IllegalStateException("More " + measure + " figures taken back than added on " + cell.key());
            }
            if (after.reports() == 0) {
                outcomes.remove(measure);
            } else {
                outcomes.put(measure, after);
            }
        });
        Cell result = new Cell(cell.kind(), cell.municipality(), cell.day(), cell.activities() + sign,
                cell.completing() + (contribution.completes() ? sign : 0), outcomes);
        if (result.activities() < 0 || result.completing() < 0 || result.activities() == 0 && !outcomes.isEmpty()) {
            throw new IllegalStateException("More taken back than added on " + cell.key());
        }
        return result;
    }

    /** Every cell of every commitment, for storing. */
    Map<String, List<Cell>> all() {
        Map<String, List<Cell>> all = new TreeMap<>();
        commitments.forEach((commitmentId, cells) -> all.put(commitmentId, new ArrayList<>(cells.values())));
        return all;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ActivityTally tally && commitments.equals(tally.commitments);
    }

    @Override
    public int hashCode() {
        return commitments.hashCode();
    }

    @Override
    public String toString() {
        return "ActivityTally" + commitments;
    }
}
