package se.medborgarlofte.query.cache;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/** A kept answer is written as the very bytes the JSON converter writes for it, with the same headers. */
class RenderedAnswersTest {

    static final AtomicInteger rendered = new AtomicInteger();

    public record Figure(String key, int value, LocalDate on, Instant at, Map<String, Integer> sums) {
        @JsonProperty("label")
        public String label() {
            rendered.incrementAndGet();
            return "Antal " + key;
        }
    }

    @RestController
    static class Answers {
        final AnswerCache<List<Figure>> cache;
        final AtomicInteger computed = new AtomicInteger();

        Answers(AnswerCache<List<Figure>> cache) {
            this.cache = cache;
        }

        @GetMapping("/figures")
        List<Figure> figures() {
            return cache.get(null, "figures", () -> List.of(new Figure("kontroller", computed.incrementAndGet(),
                    LocalDate.of(2025, 6, 30), Instant.parse("2025-06-30T10:15:30.123Z"), Map.of("åtgärder", 3))));
        }
    }

    final JsonMapper json = JsonMapper.builder().build();
    final ReadModelVersions versions = new ReadModelVersions(AnswerCacheTest.provider(everySegmentHere()));
    final Answers controller = new Answers(new AnswerCache<>(versions, 10));
    final MockMvc mvc = MockMvcBuilders.standaloneSetup(controller)
            .setControllerAdvice(new RenderedAnswers(json))
            .setMessageConverters(new JacksonJsonHttpMessageConverter(json)).build();

    @AfterEach
    void close() {
        versions.close();
    }

    static EventProcessingConfiguration everySegmentHere() {
        EventTrackerStatus status = mock(EventTrackerStatus.class);
        when(status.getSegment()).thenReturn(Segment.ROOT_SEGMENT);
        StreamingEventProcessor processor = mock(StreamingEventProcessor.class);
        when(processor.processingStatus()).thenReturn(Map.of(0, status));
        EventProcessingConfiguration configuration = mock(EventProcessingConfiguration.class);
        when(configuration.eventProcessors()).thenReturn(Map.of("promises", processor));
        return configuration;
    }

    RenderedAnswersTest() {
        rendered.set(0);
    }

    MvcResult figures() throws Exception {
        return mvc.perform(get("/figures").header("Accept", "application/json")).andReturn();
    }

    @Test
    void aKeptAnswerReadsExactlyAsTheConverterWritesIt() throws Exception {
        MvcResult written = figures();
        versions.start();
        MvcResult first = figures();
        MvcResult kept = figures();

        assertThat(controller.computed).as("computed before caching, once since").hasValue(2);
        assertThat(rendered).as("rendered before caching, once since").hasValue(2);
        assertThat(written.getResponse().getContentAsString()).contains("\"label\":\"Antal kontroller\"");
        assertThat(first.getResponse().getContentAsByteArray()).isEqualTo(kept.getResponse().getContentAsByteArray());
        assertThat(new String(kept.getResponse().getContentAsByteArray(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(written.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8)
                        .replace("\"value\":1", "\"value\":2"));
        assertThat(kept.getResponse().getContentType()).isEqualTo(written.getResponse().getContentType());
        assertThat(kept.getResponse().getStatus()).isEqualTo(200);
        assertThat(kept.getResponse().getContentLength()).isEqualTo(kept.getResponse().getContentAsByteArray().length);
    }
}
