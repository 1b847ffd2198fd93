package se.medborgarlofte.command.promise;

import org.axonframework.common.AxonNonTransientException;

/**
 * Why a command on a promise was refused. Non-transient: retrying the same command can't help. One sealed family:
 * {@link NotFound} for an unknown id in the request path, {@link RuleBroken} for a broken business rule,
 * {@link Forbidden} for a caller who may not do this here; the {@link Rule} names which one.
 */
public abstract sealed class PromiseRejected extends AxonNonTransientException
        permits PromiseRejected.NotFound, PromiseRejected.RuleBroken, PromiseRejected.Forbidden,
        PromiseRejected.PreconditionFailed, PromiseRejected.Invalid {

    private final Rule rule;

    private PromiseRejected(Rule rule, String message) {
        super(message);
        this.rule = rule;
    }

    public Rule rule() {
        return rule;
    }

    public static NotFound notFound(Rule rule, Object... args) {
        return new NotFound(rule, rule.message(args));
    }

    public static RuleBroken broken(Rule rule, Object... args) {
        return new RuleBroken(rule, rule.message(args));
    }

    public static Forbidden forbidden(Rule rule, Object... args) {
        return new Forbidden(rule, rule.message(args));
    }

    public static PreconditionFailed preconditionFailed(Rule rule, Object... args) {
        return new PreconditionFailed(rule, rule.message(args));
    }

    /** A field of the request that this promise can't take (400, naming the field). */
    public static Invalid invalid(String field, Rule rule, Object... args) {
        return new Invalid(field, rule, rule.message(args));
    }

    public static final class Invalid extends PromiseRejected {
        private final String field;

        private Invalid(String field, Rule rule, String message) {
            super(rule, message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** The caller's {@code If-Match} names a version of the promise that is no longer current. */
    public static final class PreconditionFailed extends PromiseRejected {
        private PreconditionFailed(Rule rule, String message) {
            super(rule, message);
        }
    }

    /** The caller's role or organisation may not do this here. */
    public static final class Forbidden extends PromiseRejected {
        private Forbidden(Rule rule, String message) {
            super(rule, message);
        }
    }

    public static final class NotFound extends PromiseRejected {
        private NotFound(Rule rule, String message) {
            super(rule, message);
        }
    }

    public static final class RuleBroken extends PromiseRejected {
        private RuleBroken(Rule rule, String message) {
            super(rule, message);
        }
    }

    /** Every rule a command can break, with a message in Swedish for the person who sent it. */
    public enum Rule {
        UNKNOWN_COMMITMENT("Åtagandet %s finns inte i detta medborgarlöfte."),
        UNKNOWN_ACTIVITY("Aktiviteten %s finns inte i detta medborgarlöfte."),
        INVALID_PERIOD("Giltighetsperioden är ogiltig: %s."),
        DUPLICATE_FOCUS_AREA("Fokusområdet %s anges mer än en gång."),
        UNKNOWN_FOCUS_AREA("Fokusområdet %s finns inte i medborgarlöftet."),
        FOCUS_AREA_IN_USE("Fokusområdet %s används av åtagandet %s och kan inte tas bort."),
        PROMISE_CLOSED("Medborgarlöftet är avslutat; inget kan ändras."),
        REASON_REQUIRED("Ett skäl måste anges."),
        NOTHING_CHANGED("Ändringen ändrar ingenting."),
        COMMITMENT_EXISTS("Åtagandet %s finns redan."),
        COMMITMENT_WITHDRAWN("Åtagandet %s är tillbakadraget."),
        TARGET_NOT_POSITIVE("Målet måste vara ett positivt heltal, inte %s."),
        NO_COUNTED_KINDS("Åtagandet måste ange minst en aktivitetstyp som räknas."),
        OUTSIDE_PERIOD("Datumet %s ligger utanför medborgarlöftets period %s – %s."),
        IN_FUTURE("Datumet %s ligger i framtiden."),
        NO_COMMITMENTS("En aktivitet måste kopplas till minst ett åtagande."),
        DUPLICATE_LINK("Samma åtagande anges mer än en gång."),
        PERFORMER_MISMATCH("Aktivitet utförd av %s kan inte räknas till åtagandet %s som ägs av %s."),
        KIND_NOT_COUNTED("Aktivitetstypen %s räknas inte till åtagandet %s."),
        ACTIVITY_ID_REUSED("Aktivitets-id %s används redan för en annan aktivitet."),
        ACTIVITY_RETRACTED("Aktiviteten %s är återkallad."),
        ACTIVITIES_OUTSIDE_PERIOD("Aktiviteten %s (%s) skulle hamna utanför den nya perioden."),
        ASSESSMENTS_OUTSIDE_PERIOD("En bedömning gjord %s skulle hamna utanför den nya perioden."),
        CLOSED_BEFORE_START("Avslutsdatum %s ligger före periodens början %s."),
        UNKNOWN_FINDING("Fyndet %s finns inte i detta medborgarlöfte."),
        UNKNOWN_MEASURE("Åtgärden %s finns inte för fyndet %s."),
        FINDING_ID_REUSED("Fynd-id %s används redan för ett annat fynd."),
        MEASURE_ID_REUSED("Åtgärds-id %s används redan för en annan åtgärd."),
        RESPONSIBLE_NAME_REQUIRED("Ange vem som är ansvarig när det varken är Polisen eller kommunen."),
        BEFORE_FINDING("Datumet %s ligger före fyndet (%s)."),
        MEASURE_SETTLED("Åtgärden %s är redan genomförd eller avböjd."),
        NOT_PUBLISHED("Fyndet %s är inte publicerat."),
        RENEWAL_SAME_ID("Det förnyade medborgarlöftet behöver ett eget id, inte %s."),
        RENEWAL_NOT_LATER("Det förnyade medborgarlöftet måste börja efter det tidigare (%s), inte %s."),
        CARRIED_TWICE("Åtagandet %s anges mer än en gång i förnyelsen."),
        STALE_VERSION("Medborgarlöftet har ändrats sedan version %s (nu version %s). Läs om det och försök igen."),
        ADMIN_ONLY("Bara en administratör får underteckna, ändra och avsluta medborgarlöften."),
        ROLE_MAY_NOT_CHANGE("Rollen %s får inte ändra medborgarlöften."),
        NOT_A_PARTY("%s är inte part i detta medborgarlöfte."),
        WRONG_SIDE("%s får bara arbeta för sin egen sida (%s) eller gemensamt, inte för %s."),
        UNKNOWN_OUTCOME("Utfallet %s finns inte för aktivitetstypen %s. Möjliga: %s."),
        CADENCE_REQUIRED("Ett återkommande åtagande (CADENCE) behöver cadence: {every, atLeast}."),
        DUE_DATE_REQUIRED("Ett delmål (MILESTONE) behöver ett datum dueOn inom perioden %s – %s."),
        FIELD_NOT_FOR_SHAPE("Fältet %s hör inte till formen %s."),
        UNKNOWN_MUNICIPALITY("%s är inte en av kommunerna %s."),
        MUNICIPALITY_REQUIRED("Medborgarlöftet gäller flera kommuner (%s); ange vilken aktiviteten gällde (municipality)."),
        NOT_FOR_MUNICIPALITY("Åtagandet %s gäller inte %s."),
        MUNICIPALITY_IN_USE("Kommunen %s används av åtagandet %s och kan inte tas bort."),
        UNKNOWN_OUTCOME_MEASURE("Utfallet %s rapporteras inte av någon av åtagandets aktivitetstyper."),
        UNKNOWN_CAUSE("%s är varken en aktivitet eller ett fynd i detta medborgarlöfte.");

        private final String template;

        Rule(String template) {
            this.template = template;
        }

        String message(Object... args) {
            return String.format(template, args);
        }

        /** A stable, URL-friendly code, e.g. {@code outside-period}. */
        public String code() {
            return name().toLowerCase().replace('_', '-');
        }
    }
}
