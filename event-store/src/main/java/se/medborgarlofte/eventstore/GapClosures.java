package se.medborgarlofte.eventstore;

/**
 * Global sequence numbers this process closed with a tombstone since it started: by their own writer after a failed
 * append ({@code byWriter}), and as a reader because the number stayed empty longer than the gap timeout
 * ({@code byTimeout}: its writer died between taking the number and storing the event).
 */
public record GapClosures(long byWriter, long byTimeout) {
}
