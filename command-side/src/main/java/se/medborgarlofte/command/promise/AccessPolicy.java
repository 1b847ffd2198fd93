package se.medborgarlofte.command.promise;

import se.medborgarlofte.command.promise.PromiseRejected.Rule;
import se.medborgarlofte.events.Party;
import se.medborgarlofte.events.PromiseTerms;
import se.medborgarlofte.security.Role;

import java.util.Objects;

import static se.medborgarlofte.command.promise.PromiseRejected.forbidden;

/**
 * Rule 12, who may change what: ADMIN (and the service itself) everything; an EDITOR only in promises where one of
 * their organisations (the police area or one of the municipalities) is a party, and only for that side or jointly.
 */
final class AccessPolicy {

    private AccessPolicy() {
    }

    static void requireAdmin(Caller caller) {
        if (!caller.unrestricted()) {
            throw forbidden(Rule.ADMIN_ONLY);
        }
    }

    /** Every party in {@code concerned} must be the editor's own side, or joint work. */
    static void requireSide(Caller caller, PromiseTerms terms, Party... concerned) {
        if (caller.unrestricted()) {
            return;
        }
        if (caller.role() != Role.EDITOR) {
            throw forbidden(Rule.ROLE_MAY_NOT_CHANGE, caller.role() == null ? "(ingen)" : caller.role());
        }
        String organisation = caller.organisation();
        Party side = caller.organisations().stream().map(name -> sideOf(terms, name)).filter(Objects::nonNull)
                .findFirst().orElse(null);
        if (side == null) {
            throw forbidden(Rule.NOT_A_PARTY, organisation == null ? "(ingen organisation)" : organisation);
        }
        for (Party party : concerned) {
            if (party != Party.JOINT && party != side) {
                throw forbidden(Rule.WRONG_SIDE, organisation, side, party);
            }
        }
    }

    private static Party sideOf(PromiseTerms terms, String organisation) {
        String normalised = organisation.strip();
        if (normalised.equalsIgnoreCase(terms.policeArea())) {
            return Party.POLICE;
        }
        return terms.municipalities().stream().anyMatch(normalised::equalsIgnoreCase) ? Party.MUNICIPALITY : null;
    }
}
