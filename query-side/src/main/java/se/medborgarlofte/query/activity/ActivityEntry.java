package se.medborgarlofte.query.activity;

import io.swagger.v3.oas.annotations.media.Schema;

/** One line of the activity log: the whole record for signed-in callers, the public fields for everyone else. */
@Schema(oneOf = {ActivityView.class, PublicActivityView.class})
public sealed interface ActivityEntry permits ActivityView, PublicActivityView {
}
