package se.medborgarlofte.web.staff.api;

/**
 * The bearer token the web sends to the APIs for the signed-in member of staff: locally a short-lived token it signs
 * itself, in production the identity provider's access token from the OpenID Connect sign-in.
 */
public interface ApiTokens {

    String bearer();
}
