package se.medborgarlofte.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.medborgarlofte.client.command.ApiException;
import se.medborgarlofte.client.command.api.KommandonApi;
import se.medborgarlofte.client.command.model.ActivityRequest;
import se.medborgarlofte.client.command.model.CommitmentRequest;
import se.medborgarlofte.client.command.model.FocusAreaRequest;
import se.medborgarlofte.client.command.model.PromiseRequest;
import se.medborgarlofte.client.command.model.SignatoryRequest;
import se.medborgarlofte.client.query.api.FramstegApi;
import se.medborgarlofte.client.query.api.HistorikApi;
import se.medborgarlofte.client.query.model.CommitmentProgress;
import se.medborgarlofte.client.query.model.HistoryEntry;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * An integrator's first steps, only through the Java clients generated at build time from the descriptions in
 * {@code docs/openapi} (which {@link ApiDescriptionTest} keeps equal to what the apps serve): sign a promise, add a
 * commitment, record an activity, read progress and history, and meet a problem answer.
 */
class GeneratedClientTest {

    @RegisterExtension
    static final InMemoryLocalRun run = new InMemoryLocalRun();

    static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user + "-password")
                .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void signRecordAndReadThroughTheGeneratedClients() throws Exception {
        se.medborgarlofte.client.command.ApiClient commandClient = new se.medborgarlofte.client.command.ApiClient();
        commandClient.updateBaseUri("http://localhost:" + run.app().commandPort());
        commandClient.setRequestInterceptor(request -> request.header("Authorization", basic("admin")));
        KommandonApi commands = new KommandonApi(commandClient);
        se.medborgarlofte.client.query.ApiClient queryClient = new se.medborgarlofte.client.query.ApiClient();
        queryClient.updateBaseUri("http://localhost:" + run.app().queryPort());
        queryClient.setRequestInterceptor(request -> request.header("Authorization", basic("lasare")));

        Map<String, String> signed = commands.sign(new PromiseRequest().promiseId("klient-2025")
                .title("Medborgarlöfte Testby 2025").municipalities(List.of("Testby"))
                .policeArea("Lokalpolisområde Testby").validFrom(LocalDate.of(2025, 1, 1))
                .validTo(LocalDate.of(2025, 12, 31)).signedOn(LocalDate.of(2024, 12, 15))
                .signatories(List.of(new SignatoryRequest().name("Eva Ek").role("Kommunstyrelsens ordförande")
                        .side(SignatoryRequest.SideEnum.MUNICIPALITY)))
                .statement("Vi lovar trygghet i Testby.")
                .focusAreas(List.of(new FocusAreaRequest().code("TRAFFIC").title("Trafik"))));
        assertThat(signed).containsEntry("promiseId", "klient-2025");
        commands.addCommitment("klient-2025", new CommitmentRequest().commitmentId("traffic").title("Trafikkontroller")
                .owner(CommitmentRequest.OwnerEnum.POLICE).focusArea("TRAFFIC")
                .countedKinds(Set.of(CommitmentRequest.CountedKindsEnum.TRAFFIC_CONTROL)).target(12));
        commands.recordActivity("klient-2025", new ActivityRequest().activityId("k1")
                .kind(ActivityRequest.KindEnum.TRAFFIC_CONTROL).occurredOn(LocalDate.of(2025, 3, 1))
                .place("Storgatan").performedBy(ActivityRequest.PerformedByEnum.POLICE)
                .commitmentIds(List.of("traffic")).outcomes(Map.of("vehiclesChecked", 40)));

        ApiException refused = catchThrowableOfType(ApiException.class, () -> commands.recordActivity("klient-2025",
                new ActivityRequest().activityId("k2").kind(ActivityRequest.KindEnum.TRAFFIC_CONTROL)
                        .occurredOn(LocalDate.of(2026, 3, 1)).place("Storgatan")
                        .performedBy(ActivityRequest.PerformedByEnum.POLICE).commitmentIds(List.of("traffic"))));
        assertThat(refused.getCode()).isEqualTo(409);
        assertThat(refused.getResponseBody()).contains("OUTSIDE_PERIOD");

        FramstegApi progress = new FramstegApi(queryClient);
        CommitmentProgress traffic = await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> progress.progress("klient-2025", LocalDate.of(2025, 6, 30), null).getCommitments(),
                        commitments -> commitments.size() == 1 && commitments.get(0).getDone() == 1).get(0);
        assertThat(traffic.getTarget()).isEqualTo(12);
        assertThat(traffic.getStatus()).isEqualTo(CommitmentProgress.StatusEnum.BEHIND);

        List<HistoryEntry> history = new HistorikApi(queryClient).promiseHistory("klient-2025", null, null);
        assertThat(history).extracting(HistoryEntry::getChange)
                .containsExactly("PROMISE_SIGNED", "COMMITMENT_ADDED", "ACTIVITY_RECORDED");
        assertThat(history.get(2).getWho().getUserId()).isEqualTo("admin");
    }
}
