package se.medborgarlofte.command;

import se.medborgarlofte.events.SwedishTime;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import se.medborgarlofte.events.EventMetadataKeys;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import se.medborgarlofte.command.web.WebLimits;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The command side: REST commands, the Promise aggregate, appends to the MongoDB event store. Port 8080. */
@SpringBootApplication
@EnableConfigurationProperties(WebLimits.class)
public class CommandSideApplication {


    public static void main(String[] args) {
        builder().run(args);
    }

    /** Its own configuration name, so that it can share a JVM with the query side. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(CommandSideApplication.class)
                .properties("spring.config.name=command-side");
    }

    /** Dates are Swedish local dates: "today" is today in Stockholm. */
    @Bean
    Clock clock() {
        return Clock.system(SwedishTime.ZONE);
    }

    /**
     * Who caused an event, why, and the request's correlation id: copied from the command's metadata onto every
     * event it produces. (This replaces Axon's default origin provider, which would overwrite the client's
     * correlation id with the command's message id.)
     */
    @Bean
    CorrelationDataProvider actorProvider() {
        return new SimpleCorrelationDataProvider(EventMetadataKeys.USER_ID, EventMetadataKeys.USER_NAME,
                EventMetadataKeys.ORGANISATION, EventMetadataKeys.ROLE, EventMetadataKeys.REASON,
                EventMetadataKeys.CORRELATION_ID, EventMetadataKeys.COMMAND_ID);
    }

    /**
     * Commands that lose a race on the same promise (another change was stored first) are retried on fresh state
     * a few times before the client sees a 409; a broken rule is never retried.
     */
    @Bean
    CommandGateway commandGateway(CommandBus commandBus, ScheduledExecutorService commandRetryExecutor) {
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(IntervalRetryScheduler.builder()
                        .retryExecutor(commandRetryExecutor)
                        .retryInterval(25)
                        .maxRetryCount(8)
                        .build())
                .build();
    }

    @Bean(destroyMethod = "shutdown")
    ScheduledExecutorService commandRetryExecutor() {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "command-retry");
            thread.setDaemon(true);
            return thread;
        });
    }
}
