package se.medborgarlofte.query.history;

import se.medborgarlofte.events.ActivityKind;
import se.medborgarlofte.events.CodeLabels;
import se.medborgarlofte.events.PaceStatus;
import se.medborgarlofte.events.Party;

import java.util.Map;

/** Swedish words for codes and field names, for texts people read; the codes' words come from {@link CodeLabels}. */
public final class Labels {

    private Labels() {
    }

    private static final Map<String, String> FIELDS = Map.ofEntries(
            Map.entry("title", "Titeln"), Map.entry("municipalities", "Kommunerna"),
            Map.entry("policeArea", "Lokalpolisområdet"), Map.entry("validFrom", "Startdatumet"),
            Map.entry("validTo", "Slutdatumet"), Map.entry("signedOn", "Undertecknandedatumet"),
            Map.entry("signatories", "Undertecknarna"), Map.entry("statement", "Löftestexten"),
            Map.entry("situationSources", "Lägesbildens källor"), Map.entry("followUp", "Uppföljningen"),
            Map.entry("focusAreas", "Fokusområdena"), Map.entry("description", "Beskrivningen"),
            Map.entry("owner", "Ägaren"), Map.entry("focusArea", "Fokusområdet"),
            Map.entry("countedKinds", "Aktivitetstyperna som räknas"), Map.entry("target", "Målet"),
            Map.entry("kind", "Typen"), Map.entry("occurredOn", "Datumet"), Map.entry("place", "Platsen"),
            Map.entry("performedBy", "Utföraren"), Map.entry("commitmentIds", "Åtagandena"),
            Map.entry("participants", "Deltagarna"), Map.entry("outcomes", "Utfallet"),
            Map.entry("notes", "Anteckningarna"), Map.entry("withdrawn", "Tillbakadraget"),
            Map.entry("retracted", "Återkallad"), Map.entry("closed", "Avslutat"),
            Map.entry("closedOn", "Avslutsdatumet"), Map.entry("summary", "Sammanfattningen"),
            Map.entry("assessedOn", "Bedömningsdatumet"), Map.entry("status", "Bedömningen"),
            Map.entry("rationale", "Motiveringen"), Map.entry("example", "Exempel"),
            Map.entry("renewedFrom", "Förnyar"), Map.entry("carriedFrom", "Överfört från"),
            Map.entry("what", "Fyndet"), Map.entry("category", "Kategorin"), Map.entry("responsible", "Ansvarig"),
            Map.entry("foundOn", "Fynddatumet"), Map.entry("measure", "Åtgärden"),
            Map.entry("plannedOn", "Planerat datum"), Map.entry("doneOn", "Genomfört datum"),
            Map.entry("whatWasDone", "Det som gjordes"), Map.entry("declined", "Avböjd"),
            Map.entry("reportedOn", "Återkopplingsdatumet"), Map.entry("how", "Återkopplingssättet"),
            Map.entry("publicText", "Den offentliga texten"), Map.entry("publicPlace", "Den offentliga platsen"),
            Map.entry("publicAction", "Det offentliga svaret"), Map.entry("published", "Publicerat"));

    public static String kind(ActivityKind kind) {
        return CodeLabels.kind(kind);
    }

    public static String field(String field) {
        return FIELDS.getOrDefault(field, field);
    }

    public static String party(Party party) {
        return CodeLabels.party(party);
    }

    public static String status(PaceStatus status) {
        return CodeLabels.status(status);
    }

    /** A value as a person reads it in a summary. */
    public static String value(Object value) {
        if (value == null) {
            return "inget";
        }
        if (value instanceof ActivityKind kind) {
            return kind(kind);
        }
        if (value instanceof Party party) {
            return party(party);
        }
        if (value instanceof PaceStatus status) {
            return status(status);
        }
        if (value instanceof Boolean b) {
            return b ? "ja" : "nej";
        }
        if (value instanceof String s && s.isEmpty()) {
            return "tomt";
        }
        return String.valueOf(value);
    }
}
