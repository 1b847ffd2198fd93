package se.medborgarlofte.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Reads the caller from a verified JWT: subject, display name, role and organisation, from claims whose names are
 * configurable (Entra ID and the Police's IdP name them differently).
 */
final class JwtUsers implements Converter<Jwt, AbstractAuthenticationToken> {

    private final SecuritySettings settings;

    JwtUsers(SecuritySettings settings) {
        this.settings = settings;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Role role = role(jwt.getClaim(settings.roleClaim()));
        CurrentUser user = new CurrentUser(jwt.getSubject(), jwt.getClaimAsString(settings.nameClaim()),
                CurrentUser.join(jwt.getClaim(settings.organisationClaim())), role);
        JwtAuthenticationToken token = new JwtAuthenticationToken(jwt,
                role == null || role == Role.SYSTEM ? List.of() : List.of(new SimpleGrantedAuthority("ROLE_" + role.name())),
                jwt.getSubject());
        token.setDetails(user);
        return token;
    }

    /** The first known role in the claim, which may be a string or a list; SYSTEM can't be claimed. */
    static Role role(Object claim) {
        Collection<?> values = claim instanceof Collection<?> list ? list : claim == null ? List.of() : List.of(claim);
        for (Object value : values) {
            String name = String.valueOf(value).trim().toUpperCase(Locale.ROOT);
            for (Role role : Role.values()) {
                if (role != Role.SYSTEM && role.name().equals(name)) {
                    return role;
                }
            }
        }
        return null;
    }
}
