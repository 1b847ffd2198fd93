package se.medborgarlofte.web.feed;

import org.springframework.stereotype.Component;
import se.medborgarlofte.web.api.QueryViews.Activity;
import se.medborgarlofte.web.api.QueryViews.Anchor;
import se.medborgarlofte.web.api.QueryViews.Assessment;
import se.medborgarlofte.web.api.QueryViews.Commitment;
import se.medborgarlofte.web.api.QueryViews.Progress;
import se.medborgarlofte.web.api.QueryViews.Promise;
import se.medborgarlofte.web.page.Messages;
import se.medborgarlofte.web.page.SwedishFormat;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Writes an Atom (RFC 4287) feed: one entry per activity (what, when, where, by which side, for which commitments)
 * and per assessment of a commitment, newest first, at most {@value #ENTRIES}, plus the newest daily anchor of the
 * hash chain. Never notes, participants or who recorded: the activities read here do not even carry them.
 */
@Component
class AtomFeeds {

    static final int ENTRIES = 50;
    private static final String ATOM = "http://www.w3.org/2005/Atom";

    private final Messages messages;

    AtomFeeds(Messages messages) {
        this.messages = messages;
    }

    private record Entry(String id, String title, Instant updated, String link, String text) {
    }

    String feed(String base, Promise promise, Progress progress, List<Activity> activities, Optional<Anchor> anchor) {
        String pageUrl = base + "/loften/" + promise.promiseId();
        Map<String, String> titles = promise.commitments().stream()
                .collect(Collectors.toMap(Commitment::commitmentId, Commitment::title, (a, b) -> a));
        List<Entry> entries = new ArrayList<>();
        for (Activity activity : activities) {
            entries.add(activity(pageUrl, promise.promiseId(), activity, titles));
        }
        for (Commitment commitment : promise.commitments()) {
            for (Assessment assessment : commitment.assessments()) {
                entries.add(assessment(pageUrl, promise.promiseId(), commitment, assessment));
            }
        }
        entries.sort(Comparator.comparing(Entry::updated).reversed());
        List<Entry> newest = new ArrayList<>(entries.subList(0, Math.min(ENTRIES, entries.size())));
        anchor.ifPresent(a -> newest.add(anchor(pageUrl, a)));
        newest.sort(Comparator.comparing(Entry::updated).reversed());
        Instant updated = newest.stream().map(Entry::updated).max(Comparator.naturalOrder())
                .orElse(progress.lastChangedAt() != null ? progress.lastChangedAt()
                        : promise.updatedAt() != null ? promise.updatedAt() : Instant.EPOCH);
        try {
            StringWriter out = new StringWriter();
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("feed");
            xml.writeDefaultNamespace(ATOM);
            xml.writeAttribute("xml:lang", "sv");
            element(xml, "id", "urn:medborgarlofte:" + promise.promiseId());
            element(xml, "title", messages.get("feed.title", promise.title()));
            element(xml, "subtitle", messages.get("feed.subtitle"));
            element(xml, "updated", updated.toString());
            link(xml, "self", pageUrl + "/flode.atom", "application/atom+xml");
            link(xml, "alternate", pageUrl, "text/html");
            xml.writeStartElement("author");
            element(xml, "name", String.join(", ", promise.municipalities()) + " – " + promise.policeArea());
            xml.writeEndElement();
            for (Entry entry : newest) {
                xml.writeStartElement("entry");
                element(xml, "id", entry.id());
                element(xml, "title", entry.title());
                element(xml, "updated", entry.updated().toString());
                link(xml, "alternate", entry.link(), "text/html");
                xml.writeStartElement("content");
                xml.writeAttribute("type", "text");
                xml.writeCharacters(entry.text());
                xml.writeEndElement();
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
            return out.toString();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Could not write the feed", e);
        }
    }

    private Entry activity(String pageUrl, String promiseId, Activity activity, Map<String, String> titles) {
        String title = messages.get("feed.activity.title", activity.kindLabel(), SwedishFormat.date(activity.occurredOn()),
                activity.place()) + (activity.example() ? " " + messages.get("feed.example") : "");
        String commitments = activity.commitmentIds() == null ? "" : activity.commitmentIds().stream()
                .map(id -> titles.getOrDefault(id, id)).collect(Collectors.joining("; "));
        String text = messages.get("feed.activity.text", activity.kindLabel(), SwedishFormat.date(activity.occurredOn()),
                activity.place(), activity.performedByLabel(), commitments)
                + (activity.example() ? " " + messages.get("feed.exampleText") : "");
        Instant updated = activity.lastChangedAt() != null ? activity.lastChangedAt()
                : activity.recordedAt() != null ? activity.recordedAt() : noon(activity.occurredOn());
        return new Entry("urn:medborgarlofte:" + promiseId + ":aktivitet:" + activity.activityId(), title, updated,
                pageUrl + "/aktiviteter", text);
    }

    private Entry assessment(String pageUrl, String promiseId, Commitment commitment, Assessment assessment) {
        String title = messages.get("feed.assessment.title", commitment.title(), assessment.statusLabel());
        String text = messages.get("feed.assessment.text", SwedishFormat.date(assessment.assessedOn()),
                assessment.statusLabel(), assessment.rationale() == null ? "" : assessment.rationale());
        Instant updated = assessment.recordedAt() != null ? assessment.recordedAt() : noon(assessment.assessedOn());
        return new Entry("urn:medborgarlofte:" + promiseId + ":bedomning:" + commitment.commitmentId() + ":"
                         + assessment.assessedOn(), title, updated,
                pageUrl + "#atagande-" + commitment.commitmentId(), text);
    }

    /** The day's anchor, an entry of its own beside the activities (not counted among the newest fifty). */
    private Entry anchor(String pageUrl, Anchor anchor) {
        String day = SwedishFormat.date(anchor.day());
        return new Entry("urn:medborgarlofte:ankare:" + anchor.day(), messages.get("feed.anchor.title", day),
                anchor.computedAt(), pageUrl,
                messages.get("feed.anchor.text", day, anchor.anchor(), anchor.promises()));
    }

    private static Instant noon(LocalDate date) {
        return date.atTime(12, 0).toInstant(ZoneOffset.UTC);
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(text == null ? "" : text);
        xml.writeEndElement();
    }

    private static void link(XMLStreamWriter xml, String rel, String href, String type) throws XMLStreamException {
        xml.writeEmptyElement("link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("href", href);
        xml.writeAttribute("type", type);
    }
}
