package se.medborgarlofte.command.promise;

import se.medborgarlofte.command.promise.Promise.ActivityState;
import se.medborgarlofte.command.promise.PromiseRejected.Rule;
import se.medborgarlofte.events.ActivityId;
import se.medborgarlofte.events.Party;
import se.medborgarlofte.events.PromiseId;
import se.medborgarlofte.events.PromiseTerms;

import java.time.Clock;
import java.util.Map;

import static se.medborgarlofte.command.promise.PromiseRejected.broken;

/** What the finding rules need of the promise: who calls, its terms, whether it is closed, its activities. */
record FindingContext(Caller caller, PromiseId promiseId, PromiseTerms terms, boolean closed,
                      Map<String, ActivityState> activities, Clock clock) {

    void requireSide(Party... concerned) {
        AccessPolicy.requireSide(caller, terms, concerned);
    }

    void ensureOpen() {
        if (closed) {
            throw broken(Rule.PROMISE_CLOSED);
        }
    }

    /** An activity named in a request body: unknown is a broken rule, not a missing resource. */
    ActivityState activity(ActivityId activityId) {
        ActivityState activity = activities.get(activityId.value());
        if (activity == null) {
            throw broken(Rule.UNKNOWN_ACTIVITY, activityId);
        }
        return activity;
    }
}
