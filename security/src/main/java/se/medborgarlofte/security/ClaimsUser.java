package se.medborgarlofte.security;

import java.util.function.Function;

/**
 * The caller from an identity provider's claims, read as the APIs read a JWT ({@link JwtUsers}): for the web's
 * OpenID Connect sign-in, whose ID token carries the same role, organisation and name claims.
 */
public final class ClaimsUser {

    private ClaimsUser() {
    }

    /** {@code claim} answers a claim's value by name (null when absent). */
    public static CurrentUser of(String subject, Function<String, Object> claim, String roleClaim,
                                 String organisationClaim, String nameClaim) {
        Object organisation = claim.apply(organisationClaim);
        Object name = claim.apply(nameClaim);
        return new CurrentUser(subject, name == null ? subject : name.toString(),
                organisation == null ? null : organisation.toString(), JwtUsers.role(claim.apply(roleClaim)));
    }
}
