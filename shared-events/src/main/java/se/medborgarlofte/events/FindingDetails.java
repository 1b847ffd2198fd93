package se.medborgarlofte.events;

/**
 * What an activity found: internal, since it may name people, addresses or police matters. The public sees a
 * finding only through the wording an editor publishes ({@link PromiseEvent.FindingPublished}).
 * {@code responsibleName} names the other party when {@code responsible} is {@link Responsible#OTHER}.
 */
public record FindingDetails(
        ActivityId activityId,
        String what,
        String place,
        FindingCategory category,
        Responsible responsible,
        String responsibleName) {
}
