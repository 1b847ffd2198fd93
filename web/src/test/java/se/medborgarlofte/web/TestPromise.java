package se.medborgarlofte.web;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A promise of the tests' own, signed and filled through the command API: 2025 in "Testby", a traffic commitment
 * (target 24) and a safety walk commitment (target 6), with 22 traffic controls and 8 safety walks, 30 in all.
 */
final class TestPromise {

    static final String ID = "testby-2025";
    static final int ACTIVITIES = 30;
    private static boolean created;

    private TestPromise() {
    }

    static synchronized void ensure(TestSystem system) {
        if (created) {
            return;
        }
        post(system, "/api/promises", """
                {"promiseId":"testby-2025","title":"Medborgarlöfte Testby 2025","municipalities":["Testby"],
                 "policeArea":"Lokalpolisområde Testby","validFrom":"2025-01-01","validTo":"2025-12-31",
                 "signedOn":"2025-01-01","signatories":[{"name":"Kim Ordförande","role":"Kommunstyrelsens ordförande",
                 "side":"MUNICIPALITY"},{"name":"Alex Chef","role":"Lokalpolisområdeschef","side":"POLICE"}],
                 "statement":"Polisen och Testby kommun lovar att göra trafiken och kvällarna tryggare.",
                 "situationSources":["Medborgardialoger"],"followUp":"Följs upp varje månad.",
                 "focusAreas":[{"code":"TRAFFIC","title":"Trafik"},{"code":"SAFETY","title":"Trygghet"}]}""");
        post(system, "/api/promises/" + ID + "/commitments", """
                {"commitmentId":"testby-2025-traffic","title":"Trafikkontroller vid skolorna","description":"Polisen
                 kontrollerar hastigheten vid skolorna.","owner":"POLICE","focusArea":"TRAFFIC",
                 "countedKinds":["TRAFFIC_CONTROL"],"target":24}""".replace("\n", " "));
        post(system, "/api/promises/" + ID + "/commitments", """
                {"commitmentId":"testby-2025-walks","title":"Trygghetsvandringar","description":"Kommunen bjuder in
                 till trygghetsvandringar.","owner":"JOINT","focusArea":"SAFETY","countedKinds":["SAFETY_WALK"],
                 "target":6}""".replace("\n", " "));
        for (int i = 1; i <= ACTIVITIES; i++) {
            boolean traffic = i <= 22;
            LocalDate day = LocalDate.of(2025, 1 + (i % 12), 1 + i % 27);
            post(system, "/api/promises/" + ID + "/activities", """
                    {"activityId":"t-%d","kind":"%s","occurredOn":"%s","place":"Plats %d","performedBy":"%s",
                     "commitmentIds":["%s"],"participants":["Hemlig Deltagare"],"notes":"Intern anteckning %d"}"""
                    .formatted(i, traffic ? "TRAFFIC_CONTROL" : "SAFETY_WALK", day, i, traffic ? "POLICE" : "JOINT",
                            traffic ? "testby-2025-traffic" : "testby-2025-walks", i));
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> system.query.get("/api/promises/" + ID + "/activities").body()
                        .split("\"activityId\"").length - 1 == ACTIVITIES);
        created = true;
    }

    private static void post(TestSystem system, String path, String json) {
        WebClient.Page answer = system.command.post(path, json);
        assertThat(answer.status()).as(path + " " + answer.body()).isIn(200, 201);
    }
}
