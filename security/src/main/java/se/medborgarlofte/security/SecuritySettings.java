package se.medborgarlofte.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.util.List;

/**
 * How callers are authenticated.
 *
 * @param mode           {@code jwt}: an OAuth2/OIDC resource server (set {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}
 *                       or {@code jwk-set-uri}); {@code basic}: HTTP Basic with the users in {@code usersFile};
 *                       {@code auto} (the default): jwt when an issuer or JWK set is configured, else basic
 * @param usersFile      the local users (basic mode); created on first start with random passwords, printed once
 * @param roleClaim      the JWT claim holding the role (a string or a list; the first known role counts)
 * @param organisationClaim the JWT claim holding the organisation (a police area or a municipality)
 * @param nameClaim      the JWT claim holding the display name
 * @param corsOrigins    origins allowed to read the public endpoints from a browser (a municipality's website)
 */
@ConfigurationProperties("medborgarlofte.security")
public record SecuritySettings(Mode mode, Path usersFile, String roleClaim, String organisationClaim,
                               String nameClaim, List<String> corsOrigins) {

    /** How callers sign in; {@code auto} is resolved at start. */
    public enum Mode { AUTO, JWT, BASIC }

    public SecuritySettings {
        mode = mode == null ? Mode.AUTO : mode;
        usersFile = usersFile == null ? Path.of("data", "users.json") : usersFile;
        roleClaim = roleClaim == null ? "roles" : roleClaim;
        organisationClaim = organisationClaim == null ? "organisation" : organisationClaim;
        nameClaim = nameClaim == null ? "name" : nameClaim;
        corsOrigins = corsOrigins == null ? List.of("*") : corsOrigins;
    }

    /** The mode in force: {@code auto} is resolved by {@link SecurityAutoConfiguration} from the JWT settings. */
    public boolean basic() {
        return mode == Mode.BASIC;
    }

    SecuritySettings resolved(boolean jwtConfigured) {
        if (mode != Mode.AUTO) {
            return this;
        }
        return new SecuritySettings(jwtConfigured ? Mode.JWT : Mode.BASIC, usersFile, roleClaim, organisationClaim,
                nameClaim, corsOrigins);
    }
}
