package se.medborgarlofte.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Short-lived JWTs for the local run, so the APIs verify a signed token rather than a password on every call the
 * web makes for a signed-in user (no BCrypt per call, no password in the web's session). The web signs them after
 * its own sign-in; the APIs accept them next to HTTP Basic. The RSA key is created on first use in a file beside
 * the users ({@code ./data/token-key.json}, readable by its owner only) and shared by the three apps of the local run.
 * The claims are those a real identity provider gives ({@code sub}, {@code name}, {@code roles},
 * {@code organisation}), so the APIs read them with the same {@link JwtUsers}.
 */
public final class LocalTokens {

    public static final String ISSUER = "medborgarlofte-local";

    private final RSAKey key;
    private final NimbusJwtEncoder encoder;
    private final Clock clock;

    private LocalTokens(RSAKey key, Clock clock) {
        this.key = key;
        this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
        this.clock = clock;
    }

    /** The configured key file, or {@code token-key.json} beside the users file. */
    public static Path keyFile(String configured, Path usersFile) {
        return configured == null || configured.isBlank() ? usersFile.toAbsolutePath().resolveSibling("token-key.json")
                : Path.of(configured);
    }

    /** Reads the key file, creating it with a new key if it does not exist. */
    public static LocalTokens loadOrCreate(Path file, Clock clock) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            return new LocalTokens(RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8)), clock);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the token key " + file.toAbsolutePath(), e);
        } catch (ParseException e) {
            throw new IllegalStateException("The token key " + file.toAbsolutePath() + " is damaged", e);
        }
    }

    private static void create(Path file) throws IOException {
        RSAKey key;
        try {
            key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate an RSA key", e);
        }
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, "token-key", ".tmp");
        try {
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // best effort on other file systems
        }
        Files.writeString(temporary, key.toJSONString(), StandardCharsets.UTF_8);
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException createdMeanwhile) {
            Files.deleteIfExists(temporary);
        }
    }

    /** A token for {@code user}, valid for {@code lifetime}. */
    public String mint(CurrentUser user, Duration lifetime) {
        var now = clock.instant();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder().issuer(ISSUER).subject(user.userId()).issuedAt(now)
                .expiresAt(now.plus(lifetime)).claim("name", user.name()).claim("roles", List.of(user.role().name()));
        if (user.organisation() != null) {
            claims.claim("organisation", user.organisation());
        }
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(key.getKeyID()).build();
        return encoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
    }

    /** Verifies the signature, the issuer and the expiry. */
    public JwtDecoder decoder() {
        try {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(key.toRSAPublicKey()).build();
            decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(ISSUER));
            return decoder;
        } catch (JOSEException e) {
            throw new IllegalStateException("The token key has no RSA public key", e);
        }
    }
}
