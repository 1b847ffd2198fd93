package se.medborgarlofte.command.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/**
 * Count and latency of every command the command bus handles, by command ({@code RecordActivity}) and
 * {@link CommandOutcome outcome}: the timer {@code medborgarlofte.commands}, in Prometheus
 * {@code medborgarlofte_commands_seconds_count}, {@code _sum}, {@code _max} and {@code _bucket} (fixed buckets, so a
 * dashboard can take percentiles across replicas). An Axon message monitor on the command bus: it is told the result
 * after the unit of work, so an append that fails at commit counts as that failure. Each attempt the gateway makes
 * counts once. (Axon's axon-micrometer has a timer per bus too, but splits only success from failure, under separate
 * meter names, where an operator needs a refused command told apart from a broken system.) The CSV import runs its
 * rows on the aggregate without the bus and is not counted here; its requests are in {@code http_server_requests}.
 */
@Configuration(proxyBeanMethods = false)
class CommandMetrics {

    static final String TIMER = "medborgarlofte.commands";
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5)};

    /** The registry is looked up at the first command, so the bus does not wait for the metrics to be set up. */
    @Bean
    ConfigurerModule commandMetricsMonitor(ObjectProvider<MeterRegistry> registry) {
        return configurer -> configurer.configureMessageMonitor(CommandBus.class,
                (axon, type, name) -> monitor(registry));
    }

    static MessageMonitor<Message<?>> monitor(ObjectProvider<MeterRegistry> registry) {
        return command -> {
            long start = System.nanoTime();
            String name = command.getPayloadType().getSimpleName();
            return new MessageMonitor.MonitorCallback() {
                @Override
                public void reportSuccess() {
                    record(CommandOutcome.SUCCESS);
                }

                @Override
                public void reportFailure(Throwable cause) {
                    record(CommandOutcome.of(cause));
                }

                @Override
                public void reportIgnored() {
                    // a command is never ignored: the bus answers one without a handler with a failure
                }

                private void record(CommandOutcome outcome) {
                    Timer.builder(TIMER).description("Commands handled, by command and outcome")
                            .tag("command", name).tag("outcome", outcome.tag())
                            .serviceLevelObjectives(BUCKETS)
                            .register(registry.getObject()).record(Duration.ofNanos(System.nanoTime() - start));
                }
            };
        };
    }
}
