package se.medborgarlofte.query;

import se.medborgarlofte.events.SwedishTime;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;

import java.time.Clock;

/**
 * The query side: Axon streaming processors tail the MongoDB event store into read models; REST queries on
 * port 8081.
 */
@SpringBootApplication
public class QuerySideApplication {


    public static void main(String[] args) {
        builder().run(args);
    }

    /** Its own configuration name, so that it can share a JVM with the command side. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(QuerySideApplication.class)
                .properties("spring.config.name=query-side");
    }

    @Bean
    Clock clock() {
        return Clock.system(SwedishTime.ZONE);
    }
}
