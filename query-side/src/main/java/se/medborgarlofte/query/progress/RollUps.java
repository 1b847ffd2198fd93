package se.medborgarlofte.query.progress;

import se.medborgarlofte.events.PaceStatus;
import se.medborgarlofte.query.progress.ProgressCalculator.CommitmentProgress;
import se.medborgarlofte.query.progress.ProgressCalculator.RollUp;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Commitments' progress summed per owner, focus area, municipality or the whole promise. */
final class RollUps {

    private RollUps() {
    }

    static List<RollUp> byKey(List<CommitmentProgress> progress, Function<CommitmentProgress, String> key) {
        Map<String, List<CommitmentProgress>> groups = new LinkedHashMap<>();
        for (CommitmentProgress commitment : progress) {
            groups.computeIfAbsent(key.apply(commitment), k -> new ArrayList<>()).add(commitment);
        }
        List<RollUp> rollUps = new ArrayList<>();
        groups.forEach((group, members) -> rollUps.add(of(group, members)));
        return rollUps;
    }

    static RollUp of(String key, List<CommitmentProgress> members) {
        int withTarget = 0;
        int target = 0;
        int done = 0;
        int doneUpToTarget = 0;
        double expected = 0;
        Map<PaceStatus, Integer> counts = new EnumMap<>(PaceStatus.class);
        for (CommitmentProgress member : members) {
            if (member.status() != null) {
                counts.merge(member.status(), 1, Integer::sum);
            }
            if (member.target() != null && member.targetMeasure() == null) {
                withTarget++;
                target += member.target();
                done += member.done();
                doneUpToTarget += Math.min(member.done(), member.target());
                expected += member.expected();
            }
        }
        PaceStatus status = withTarget == 0 ? null : ProgressCalculator.pace(doneUpToTarget, target, expected);
        return new RollUp(key, members.size(), withTarget, target, done, doneUpToTarget,
                ProgressCalculator.round1(expected), status, counts, overall(counts));
    }

    /**
     * Every commitment that has a status, whatever its shape: none → null; all fulfilled (ACHIEVED, DONE) →
     * ACHIEVED; all not started → NOT_STARTED; more behind or late than on track, in progress or fulfilled →
     * BEHIND; otherwise ON_TRACK.
     */
    static PaceStatus overall(Map<PaceStatus, Integer> counts) {
        int all = counts.values().stream().mapToInt(Integer::intValue).sum();
        if (all == 0) {
            return null;
        }
        int fulfilled = 0;
        int fallingShort = 0;
        for (Map.Entry<PaceStatus, Integer> entry : counts.entrySet()) {
            fulfilled += entry.getKey().fulfilled() ? entry.getValue() : 0;
            fallingShort += entry.getKey().fallingShort() ? entry.getValue() : 0;
        }
        int notStarted = counts.getOrDefault(PaceStatus.NOT_STARTED, 0);
        if (fulfilled == all) {
            return PaceStatus.ACHIEVED;
        }
        if (notStarted == all) {
            return PaceStatus.NOT_STARTED;
        }
        return fallingShort > all - fallingShort - notStarted ? PaceStatus.BEHIND : PaceStatus.ON_TRACK;
    }
}
