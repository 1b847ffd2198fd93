package se.medborgarlofte.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.Optional;

/**
 * The verified caller: from the local users file (HTTP Basic) or from a JWT's claims. Never from a header the
 * caller can set.
 */
public record CurrentUser(String userId, String name, String organisation, Role role) {

    /** The caller of the current request, if authenticated. */
    public static Optional<CurrentUser> get() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            return Optional.empty();
        }
        if (authentication.getPrincipal() instanceof CurrentUser user) {
            return Optional.of(user);
        }
        if (authentication.getPrincipal() instanceof LocalUsers.LocalUser local) {
            return Optional.of(local.currentUser());
        }
        if (authentication instanceof JwtAuthenticationToken jwt && jwt.getDetails() instanceof CurrentUser user) {
            return Optional.of(user);
        }
        return Optional.empty();
    }

    public static boolean isAuthenticated() {
        return get().isPresent();
    }
}
