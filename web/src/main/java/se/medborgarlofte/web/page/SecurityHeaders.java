package se.medborgarlofte.web.page;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import se.medborgarlofte.web.WebSettings;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Headers on every answer: nothing may load from another host (no CDN, fonts or analytics: a public body does not
 * hand its visitors to third parties), no scripts at all, and no framing, except the widget, which the configured
 * origins (and only they) may frame.
 */
@Component
public class SecurityHeaders extends OncePerRequestFilter {

    private static final Pattern WIDGET = Pattern.compile("/loften/[^/]+/widget");
    private static final String POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
            + "base-uri 'none'; frame-ancestors ";

    private final String widgetAncestors;

    public SecurityHeaders(WebSettings settings) {
        this.widgetAncestors = settings.widgetOrigins().isEmpty() ? "'none'" : String.join(" ", settings.widgetOrigins());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean widget = WIDGET.matcher(request.getRequestURI()).matches();
        response.setHeader("Content-Security-Policy", POLICY + (widget ? widgetAncestors : "'none'"));
        if (!widget) {
            response.setHeader("X-Frame-Options", "DENY");
        }
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        chain.doFilter(request, response);
    }
}
