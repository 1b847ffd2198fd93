package se.medborgarlofte.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Name and password against the local users, for the web's sign-in form and HTTP Basic on the APIs: refused with
 * {@link TooManySignInAttempts} while {@link SignInLimiter} blocks the name from the caller's address; with
 * {@link VerifiedCredentials} (the APIs) a recently verified pair skips BCrypt. The signed-in principal is the
 * {@link CurrentUser}: no password or hash stays in the security context.
 */
public final class LimitedSignIn implements AuthenticationProvider {

    /** Compared against for an unknown name, so that it takes as long as a wrong password. */
    private static final String UNKNOWN_USER_HASH = "{bcrypt}" + new BCryptPasswordEncoder(10).encode("no such user");

    private final LocalUsers users;
    private final PasswordEncoder encoder;
    private final SignInLimiter limiter;
    private final VerifiedCredentials verified;

    /** {@code verified} may be null: every sign-in then checks the hash. */
    public LimitedSignIn(LocalUsers users, PasswordEncoder encoder, SignInLimiter limiter, VerifiedCredentials verified) {
        this.users = users;
        this.encoder = encoder;
        this.limiter = limiter;
        this.verified = verified;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String name = authentication.getName();
        String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        String address = authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : "";
        var blocked = limiter.blockedFor(name, address);
        if (blocked.isPresent()) {
            throw new TooManySignInAttempts(blocked.get());
        }
        LocalUsers.LocalUser user = lookUp(name);
        if (user != null && verified != null && verified.contains(name, password)) {
            return signedIn(user);
        }
        String hash = user == null ? UNKNOWN_USER_HASH : user.getPassword();
        boolean matches = encoder.matches(password, hash);
        if (user == null || !matches) {
            limiter.failed(name, address);
            throw new BadCredentialsException("Bad credentials");
        }
        limiter.succeeded(name, address);
        if (verified != null) {
            verified.remember(name, password);
        }
        return signedIn(user);
    }

    private LocalUsers.LocalUser lookUp(String name) {
        try {
            UserDetails details = users.loadUserByUsername(name);
            return (LocalUsers.LocalUser) details;
        } catch (UsernameNotFoundException e) {
            return null;
        }
    }

    private static Authentication signedIn(LocalUsers.LocalUser user) {
        return UsernamePasswordAuthenticationToken.authenticated(user.currentUser(), null, user.getAuthorities());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
