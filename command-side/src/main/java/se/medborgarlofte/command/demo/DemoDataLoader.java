package se.medborgarlofte.command.demo;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import se.medborgarlofte.command.promise.Commands.AddCommitment;
import se.medborgarlofte.command.promise.Commands.AssessCommitment;
import se.medborgarlofte.command.promise.Commands.RecordActivity;
import se.medborgarlofte.command.promise.Commands.SignPromise;
import se.medborgarlofte.command.web.Requests.ActivityRequest;
import se.medborgarlofte.command.web.Requests.AssessmentRequest;
import se.medborgarlofte.command.web.Requests.CommitmentRequest;
import se.medborgarlofte.command.web.Requests.PromiseRequest;
import se.medborgarlofte.command.web.Actor;
import se.medborgarlofte.command.web.CommandSender;
import se.medborgarlofte.events.ActivityId;
import se.medborgarlofte.events.CommitmentId;
import se.medborgarlofte.events.PromiseId;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * On first start, loads the five real medborgarlöften of {@value #RESOURCE} (with invented example activities,
 * marked as examples) through the same commands and rules as the API. A promise that already exists is left
 * alone, so a restart adds nothing.
 */
@Component
@ConditionalOnProperty(name = "medborgarlofte.demo-data.enabled", havingValue = "true")
class DemoDataLoader {

    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);
    static final String RESOURCE = "demo/seed-promises.json";
    private static final Actor DEMO = Actor.system("demodata", "Demodata vid första start");

    private final CommandSender sender;
    private final EventStore eventStore;
    private final ObjectReader reader;
    private final Validator validator;

    DemoDataLoader(CommandSender sender, EventStore eventStore, JsonMapper jsonMapper, Validator validator) {
        this.sender = sender;
        this.eventStore = eventStore;
        this.reader = jsonMapper.reader().without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.validator = validator;
    }

    /** One seed promise: the promise itself (flat in the file), its commitments, activities and assessments. */
    record DemoPromise(@Valid PromiseRequest promise, List<@Valid CommitmentRequest> commitments,
                       List<@Valid ActivityRequest> activities, List<@Valid DemoAssessment> assessments) {
    }

    record DemoAssessment(@NotBlank String commitmentId, @Valid @NotNull AssessmentRequest assessment) {
    }

    @EventListener(ApplicationReadyEvent.class)
    void loadOnFirstStart() {
        int loaded = 0;
        for (DemoPromise promise : read()) {
            if (eventStore.lastSequenceNumberFor(promise.promise().promiseId()).isPresent()) {
                continue;
            }
            validate(promise);
            load(promise);
            loaded++;
        }
        if (loaded > 0) {
            log.info("Demodata: {} medborgarlöften inlästa från {}", loaded, RESOURCE);
        }
    }

    List<DemoPromise> read() {
        try (InputStream in = new ClassPathResource(RESOURCE).getInputStream()) {
            List<DemoPromise> promises = new ArrayList<>();
            for (JsonNode node : reader.readTree(in)) {
                List<DemoAssessment> assessments = new ArrayList<>();
                for (JsonNode assessment : node.path("assessments")) {
                    assessments.add(new DemoAssessment(assessment.path("commitmentId").asString(),
                            reader.treeToValue(assessment, AssessmentRequest.class)));
                }
                promises.add(new DemoPromise(
                        reader.treeToValue(node, PromiseRequest.class),
                        List.of(reader.treeToValue(node.path("commitments"), CommitmentRequest[].class)),
                        List.of(reader.treeToValue(node.path("activities"), ActivityRequest[].class)),
                        assessments));
            }
            return promises;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void validate(DemoPromise promise) {
        Set<ConstraintViolation<DemoPromise>> violations = validator.validate(promise);
        if (!violations.isEmpty()) {
            throw new IllegalStateException("Invalid demo data for " + promise.promise().promiseId() + ": " + violations);
        }
    }

    private void load(DemoPromise demo) {
        PromiseId promiseId = new PromiseId(demo.promise().promiseId());
        sender.send(new SignPromise(promiseId, demo.promise().toTerms()), DEMO, null);
        for (CommitmentRequest commitment : demo.commitments()) {
            sender.send(new AddCommitment(promiseId, new CommitmentId(commitment.commitmentId()), commitment.toTerms()),
                    DEMO, null);
        }
        for (ActivityRequest activity : demo.activities()) {
            sender.send(new RecordActivity(promiseId, new ActivityId(activity.activityId()), activity.toDetails(), true),
                    DEMO, null);
        }
        for (DemoAssessment demoAssessment : demo.assessments()) {
            AssessmentRequest assessment = demoAssessment.assessment();
            sender.send(new AssessCommitment(promiseId, new CommitmentId(demoAssessment.commitmentId()),
                    assessment.assessedOn(), assessment.status(), assessment.rationale()), DEMO, null);
        }
    }
}
