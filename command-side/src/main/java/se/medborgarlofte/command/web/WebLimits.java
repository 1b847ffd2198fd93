package se.medborgarlofte.command.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits of the command API ({@code medborgarlofte.web.*}).
 *
 * @param maxBodyBytes the largest request body taken, in bytes (default 64 KB); larger ones get 413
 */
@ConfigurationProperties("medborgarlofte.web")
public record WebLimits(Long maxBodyBytes) {

    public WebLimits {
        maxBodyBytes = maxBodyBytes == null ? 65_536L : maxBodyBytes;
    }
}
