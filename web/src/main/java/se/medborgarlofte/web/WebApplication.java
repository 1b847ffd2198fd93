package se.medborgarlofte.web;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

import java.time.Clock;
import java.time.ZoneId;

/**
 * The public web: server-rendered Swedish pages for citizens, built from the query side's HTTP API. Port 8082.
 * It holds no data of its own and needs no database.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WebApplication {

    public static final ZoneId SWEDEN = ZoneId.of("Europe/Stockholm");

    public static void main(String[] args) {
        builder().run(args);
    }

    /** Its own configuration name, so that it can share a JVM with the two other apps. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(WebApplication.class).properties("spring.config.name=web");
    }

    @Bean
    Clock clock() {
        return Clock.system(SWEDEN);
    }
}
