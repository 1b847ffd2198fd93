package se.medborgarlofte.web.staff.signin;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/** How staff sign in: the local form against the users file, or OpenID Connect against the identity provider. */
interface SignInMethod {

    void apply(HttpSecurity http) throws Exception;

    /** Whether the sign-in page sends people to the identity provider rather than showing the form. */
    boolean oidc();
}
