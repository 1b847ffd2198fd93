package se.medborgarlofte.web.staff.api;

import org.springframework.security.core.context.SecurityContextHolder;
import se.medborgarlofte.security.CurrentUser;
import se.medborgarlofte.security.Role;

import java.util.EnumSet;
import java.util.Set;

/**
 * The signed-in member of staff, and what the aggregate's rule 12 lets them do in a promise, so that a page offers
 * only what the API would accept: ADMIN everything; an EDITOR whose organisation is the promise's police area works
 * for the police, one whose organisation is one of its municipalities for the municipality, either also jointly.
 */
public final class StaffUser {

    public enum Side { POLICE, MUNICIPALITY, JOINT }

    private StaffUser() {
    }

    public static CurrentUser current() {
        Object principal = SecurityContextHolder.getContext().getAuthentication() == null ? null
                : SecurityContextHolder.getContext().getAuthentication().getPrincipal();
        if (principal instanceof CurrentUser user) {
            return user;
        }
        if (principal instanceof StaffPrincipal staff) {
            return staff.currentUser();
        }
        throw new IllegalStateException("No signed-in member of staff");
    }

    /** The sides this user may record, correct or assess for in the promise; empty when none. */
    public static Set<Side> sides(CurrentUser user, StaffViews.Promise promise) {
        if (user.role() == Role.ADMIN) {
            return EnumSet.allOf(Side.class);
        }
        if (user.role() != Role.EDITOR || user.organisation() == null) {
            return EnumSet.noneOf(Side.class);
        }
        // as the aggregate's AccessPolicy: the first of the user's organisations that is a party decides the side
        for (String organisation : user.organisations()) {
            if (organisation.equalsIgnoreCase(promise.policeArea())) {
                return EnumSet.of(Side.POLICE, Side.JOINT);
            }
            if (promise.municipalities().stream().anyMatch(organisation::equalsIgnoreCase)) {
                return EnumSet.of(Side.MUNICIPALITY, Side.JOINT);
            }
        }
        return EnumSet.noneOf(Side.class);
    }

    /** The user's own side in the promise (POLICE or MUNICIPALITY), or JOINT for an admin. */
    public static Side ownSide(Set<Side> sides) {
        return sides.contains(Side.POLICE) && !sides.contains(Side.MUNICIPALITY) ? Side.POLICE
                : sides.contains(Side.MUNICIPALITY) && !sides.contains(Side.POLICE) ? Side.MUNICIPALITY : Side.JOINT;
    }

    /** Whether the user may change a commitment owned by, or an activity performed by, {@code owner}. */
    public static boolean mayActFor(Set<Side> sides, String owner) {
        return sides.stream().anyMatch(side -> side.name().equals(owner));
    }

    /** Whether a commitment of {@code owner} can count work of {@code performer} (rule 5). */
    public static boolean counts(String performer, String owner) {
        return Side.JOINT.name().equals(performer) || Side.JOINT.name().equals(owner) || owner.equals(performer);
    }
}
