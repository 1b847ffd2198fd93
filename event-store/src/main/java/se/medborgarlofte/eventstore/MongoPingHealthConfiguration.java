package se.medborgarlofte.eventstore;

import org.bson.Document;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.MongoDatabaseFactory;

/**
 * MongoDB health by {@code ping}, which every server answers. (Spring Boot's own indicator sends {@code hello},
 * which the embedded wire server does not know, so the local run would always report DOWN.)
 */
@AutoConfiguration(beforeName = "org.springframework.boot.mongodb.autoconfigure.health.MongoHealthContributorAutoConfiguration")
@ConditionalOnClass(HealthIndicator.class)
public class MongoPingHealthConfiguration {

    @Bean
    HealthIndicator mongoHealthIndicator(MongoDatabaseFactory databaseFactory) {
        return () -> {
            try {
                databaseFactory.getMongoDatabase().runCommand(new Document("ping", 1));
                return Health.up().build();
            } catch (RuntimeException e) {
                return Health.down().build();
            }
        };
    }
}
