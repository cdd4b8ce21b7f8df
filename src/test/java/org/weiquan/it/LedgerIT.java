package org.weiquan.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A station's ledger imported into real case files: a bad row refuses the whole file; a good file
 * imported twice gives one set of cases; the report over them is what the ledger says, worked out by hand.
 */
@ExtendWith(ArquillianExtension.class)
class LedgerIT {

    /** A fresh village room per test run, so that reruns on a kept database count only this run's ledger. */
    private static final String STATION = "QX-02L" + Long.toString(System.nanoTime() % 100000, 36).toUpperCase();
    private static final String HEADER = "station_code,received_date,channel,category,petition_type,complainant_name,"
            + "complainant_phone,respondent_name,accepted_date,mediation_outcome,closed_date,closure_reason,follow_up_result\n";
    /**
     * June 2024 at a fresh village room: (1) a claim, mediated in writing, closed 20 June, followed up; (2) closed in July;
     * (3) still open; (4) a consultation, not accepted.
     */
    private static final String LEDGER = HEADER
            + STATION + ",2024-06-03,VISIT,MARRIAGE_DISPUTE,CLAIM,王秀英,13900001111,李强,2024-06-04,WRITTEN_AGREEMENT,2024-06-20,MEDIATED_WRITTEN,SATISFIED\n"
            + STATION + ",2024-06-05,LETTER,OTHER,,赵玉梅,,,2024-06-06,,2024-07-15,EXPLAINED,\n"
            + STATION + ",2024-06-10,PHONE,ELDER_SUPPORT,,孙桂兰,13900002222,,2024-06-11,,,,\n"
            + STATION + ",2024-06-12,HOTLINE,OTHER,,周静,,,,,,,\n";

    @Deployment
    static WebArchive deployment() {
        return Deployments.weiquan();
    }

    @ArquillianResource
    URL base;

    @jakarta.inject.Inject
    org.weiquan.station.StationSeeds seeds;

    private static boolean stationOpened;

    private Api supervisor() {
        synchronized (LedgerIT.class) {
            if (!stationOpened) {
                seeds.load("test-ledger-" + STATION, ("code,name,level,parent_code\n" + STATION + ",台账测试村,VILLAGE,QX-02\n")
                        .getBytes(StandardCharsets.UTF_8));
                stationOpened = true;
            }
        }
        return TestUsers.user(base, "l-sup-" + STATION.toLowerCase(), STATION, "SUPERVISOR");
    }

    private Api.Reply upload(String csv) {
        return supervisor().postBytes("api/ledger", "text/csv", null, csv.getBytes(StandardCharsets.UTF_8));
    }

    private JsonObject june() {
        Api.Reply r = supervisor().get("api/reports/indicators?stationCode=" + STATION
                + "&period=2024-06&cutoff=2024-07-01T00:00:00%2B08:00");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().getJsonObject("total").getJsonObject("counts");
    }

    @Test
    void aLedgerWithABadRowIsRefusedWholeNamingRowAndColumn() {
        String bad = HEADER
                + STATION + ",2024-05-03,VISIT,OTHER,,甲,,,,,,,\n"
                + STATION + ",2024-13-40,FAX,OTHER,,乙,12345,,,,,,\n";
        Api.Reply reply = upload(bad);
        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.body()).contains("row 3: received_date").contains("row 3: channel")
                .contains("row 3: complainant_phone").doesNotContain("row 2");
        Api.Reply may = supervisor().get("api/reports/indicators?stationCode=" + STATION + "&period=2024-05");
        assertThat(may.json().getJsonObject("total").getJsonObject("counts").getInt("received"))
                .as("not even its good first row was imported").isZero();
    }

    @Test
    void aGoodLedgerImportedTwiceGivesOneSetOfCasesWhoseReportIsWhatTheLedgerSays() {
        Api.Reply first = upload(LEDGER);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().getInt("imported")).isEqualTo(4);
        assertThat(first.json().getJsonArray("caseNumbers")).hasSize(3);
        Api.Reply second = upload(LEDGER);
        assertThat(second.json().getInt("imported")).isZero();
        assertThat(second.json().getInt("alreadyImported")).isEqualTo(4);

        JsonObject june = june();
        assertThat(june.getInt("received")).isEqualTo(4);
        assertThat(june.getInt("accepted")).isEqualTo(3);
        assertThat(june.getInt("closed")).isEqualTo(1);
        assertThat(rate(june, "cohortClosureRate")).isEqualTo("1/3");
        assertThat(rate(june, "flowClosureRate")).isEqualTo("1/3");
        assertThat(rate(june, "resolutionRate")).isEqualTo("1/1");
        assertThat(rate(june, "onTimeRate")).isEqualTo("1/1");
        assertThat(rate(june, "mediationSuccessRate")).isEqualTo("1/1");
        assertThat(june.getInt("overdue")).isZero();
        // accepted 4 June 10:00, closed 20 June 17:00
        assertThat(june.getJsonNumber("meanDaysToClose").bigDecimalValue()).isEqualByComparingTo("16.3");

        String closed = first.json().getJsonArray("caseNumbers").getString(0);
        JsonObject file = supervisor().get("api/cases/" + closed).json();
        assertThat(file.getString("status")).isEqualTo("CLOSED");
        assertThat(file.getString("acceptedAt")).startsWith("2024-06-04");
        String open = first.json().getJsonArray("caseNumbers").getString(2);
        assertThat(supervisor().get("api/cases/" + open).json().getJsonArray("openTasks")).as("the open case is handled")
                .isNotEmpty();
    }

    @Test
    void theTemplateCanBeDownloaded() {
        Api.Reply template = supervisor().get("api/ledger/template.csv");
        assertThat(template.status()).isEqualTo(200);
        assertThat(template.body()).contains("station_code,received_date,channel");
    }

    private static String rate(JsonObject counts, String name) {
        JsonObject r = counts.getJsonObject(name);
        return r.getInt("numerator") + "/" + r.getInt("denominator");
    }
}
