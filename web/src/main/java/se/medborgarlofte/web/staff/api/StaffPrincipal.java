package se.medborgarlofte.web.staff.api;

import se.medborgarlofte.security.CurrentUser;

/** A signed-in principal that knows who it is in this service's terms (the OpenID Connect user). */
public interface StaffPrincipal {

    CurrentUser currentUser();
}
